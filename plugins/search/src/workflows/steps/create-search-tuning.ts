import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { KEEL_SEARCH_MODULE } from "../../modules/keel-search"
import type KeelSearchModuleService from "../../modules/keel-search/service"

export type CreateSearchTuningInput = { synonyms?: { terms: string[] }[]; stop_words?: { word: string }[] }

/** Stores synonym groups and stop words; removed again if the workflow fails later. */
export const createSearchTuningStep = createStep(
  "create-search-tuning",
  async (input: CreateSearchTuningInput, { container }) => {
    const service = container.resolve<KeelSearchModuleService>(KEEL_SEARCH_MODULE)
    const synonyms = input.synonyms?.length ? await service.createSearchSynonyms(input.synonyms) : []
    const stopWords = input.stop_words?.length ? await service.createSearchStopWords(input.stop_words) : []
    return new StepResponse(
      { synonyms, stop_words: stopWords },
      { synonymIds: synonyms.map((s) => s.id), stopWordIds: stopWords.map((s) => s.id) }
    )
  },
  async (created, { container }) => {
    if (!created) {
      return
    }
    const service = container.resolve<KeelSearchModuleService>(KEEL_SEARCH_MODULE)
    await service.deleteSearchSynonyms(created.synonymIds)
    await service.deleteSearchStopWords(created.stopWordIds)
  }
)
