import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { KEEL_SEARCH_MODULE } from "../../../../modules/keel-search"
import type KeelSearchModuleService from "../../../../modules/keel-search/service"
import { createSearchTuningWorkflow } from "../../../../workflows/search-tuning"
import type { AdminCreateSynonymsType } from "../validators"

export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const service = req.scope.resolve<KeelSearchModuleService>(KEEL_SEARCH_MODULE)
  const synonyms = await service.listSearchSynonyms({}, { order: { created_at: "ASC" } })
  res.json({ synonyms })
}

export async function POST(req: AuthenticatedMedusaRequest<AdminCreateSynonymsType>, res: MedusaResponse) {
  const { result } = await createSearchTuningWorkflow(req.scope).run({ input: { synonyms: [req.validatedBody] } })
  res.status(201).json({ synonym: result.synonyms[0] })
}
