import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { KEEL_SEARCH_MODULE } from "../../modules/keel-search"
import type KeelSearchModuleService from "../../modules/keel-search/service"

export type DeleteSearchTuningInput = { synonym_ids?: string[]; stop_word_ids?: string[] }

/** Soft-deletes synonym groups and stop words; restored if the workflow fails later. */
export const deleteSearchTuningStep = createStep(
  "delete-search-tuning",
  async (input: DeleteSearchTuningInput, { container }) => {
    const service = container.resolve<KeelSearchModuleService>(KEEL_SEARCH_MODULE)
    const synonymIds = input.synonym_ids ?? []
    const stopWordIds = input.stop_word_ids ?? []
    if (synonymIds.length) {
      await service.softDeleteSearchSynonyms(synonymIds)
    }
    if (stopWordIds.length) {
      await service.softDeleteSearchStopWords(stopWordIds)
    }
    return new StepResponse(undefined, { synonymIds, stopWordIds })
  },
  async (deleted, { container }) => {
    if (!deleted) {
      return
    }
    const service = container.resolve<KeelSearchModuleService>(KEEL_SEARCH_MODULE)
    if (deleted.synonymIds.length) {
      await service.restoreSearchSynonyms(deleted.synonymIds)
    }
    if (deleted.stopWordIds.length) {
      await service.restoreSearchStopWords(deleted.stopWordIds)
    }
  }
)
