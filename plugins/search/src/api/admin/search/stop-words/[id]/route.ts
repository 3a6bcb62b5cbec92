import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { KEEL_SEARCH_MODULE } from "../../../../../modules/keel-search"
import type KeelSearchModuleService from "../../../../../modules/keel-search/service"
import { deleteSearchTuningWorkflow } from "../../../../../workflows/search-tuning"

export async function DELETE(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  await req.scope.resolve<KeelSearchModuleService>(KEEL_SEARCH_MODULE).retrieveSearchStopWord(req.params.id)
  await deleteSearchTuningWorkflow(req.scope).run({ input: { stop_word_ids: [req.params.id] } })
  res.json({ id: req.params.id, object: "search_stop_word", deleted: true })
}
