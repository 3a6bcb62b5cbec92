import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { KEEL_SEARCH_MODULE } from "../../../modules/keel-search"
import type KeelSearchModuleService from "../../../modules/keel-search/service"

export type SearchQueryRecord = {
  query: string
  index_name: string
  hit_count: number
  corrected_query?: string | null
  locale?: string | null
  session_id?: string | null
}

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
