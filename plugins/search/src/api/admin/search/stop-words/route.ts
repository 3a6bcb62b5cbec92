import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { KEEL_SEARCH_MODULE } from "../../../../modules/keel-search"
import type KeelSearchModuleService from "../../../../modules/keel-search/service"
import { createSearchTuningWorkflow } from "../../../../workflows/search-tuning"
import type { AdminCreateStopWordType } from "../validators"

export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const service = req.scope.resolve<KeelSearchModuleService>(KEEL_SEARCH_MODULE)
  const stopWords = await service.listSearchStopWords({}, { order: { word: "ASC" } })
  res.json({ stop_words: stopWords })
}

export async function POST(req: AuthenticatedMedusaRequest<AdminCreateStopWordType>, res: MedusaResponse) {
  const service = req.scope.resolve<KeelSearchModuleService>(KEEL_SEARCH_MODULE)
  const { word } = req.validatedBody
  if ((await service.listSearchStopWords({ word })).length) {
    throw new MedusaError(MedusaError.Types.DUPLICATE_ERROR, `"${word}" is already a stop word`)
  }
  const { result } = await createSearchTuningWorkflow(req.scope).run({ input: { stop_words: [{ word }] } })
  res.status(201).json({ stop_word: result.stop_words[0] })
}
