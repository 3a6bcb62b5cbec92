import type { SearchPerformedRecord } from "@keel/core"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { KEEL_SEARCH_MODULE } from "../../modules/keel-search"
import type KeelSearchModuleService from "../../modules/keel-search/service"

/** A logged store search: the record the search log emits to @keel/analytics too (@keel/core's contract). */
export type SearchQueryRecord = SearchPerformedRecord

export const recordSearchQueriesStep = createStep(
  "record-search-queries",
  async (input: SearchQueryRecord[], { container }) => {
    const service = container.resolve<KeelSearchModuleService>(KEEL_SEARCH_MODULE)
    const created = input.length ? await service.createSearchQueries(input) : []
    return new StepResponse(created, created.map((row) => row.id))
  },
  async (ids, { container }) => {
    if (ids?.length) {
      await container.resolve<KeelSearchModuleService>(KEEL_SEARCH_MODULE).deleteSearchQueries(ids)
    }
  }
)
