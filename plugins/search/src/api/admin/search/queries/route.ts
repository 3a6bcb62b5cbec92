import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { KEEL_SEARCH_MODULE } from "../../../../modules/keel-search"
import type KeelSearchModuleService from "../../../../modules/keel-search/service"
import type { AdminSearchQueriesParamsType } from "../validators"

const DAY_MS = 24 * 60 * 60 * 1000

/** Top store search queries and top zero-result queries over a date range (default: 30 days). */
export async function GET(req: AuthenticatedMedusaRequest<unknown, AdminSearchQueriesParamsType>, res: MedusaResponse) {
  const { from, to, limit } = req.validatedQuery as AdminSearchQueriesParamsType
  const end = to ?? new Date()
  const start = from ?? new Date(end.getTime() - 30 * DAY_MS)
  const service = req.scope.resolve<KeelSearchModuleService>(KEEL_SEARCH_MODULE)
  const summary = await service.summarizeSearchQueries({ from: start, to: end, limit })
  res.json({ from: start.toISOString(), to: end.toISOString(), ...summary })
}
