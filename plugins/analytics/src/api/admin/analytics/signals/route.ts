import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { analyticsSignals } from "../../../../lib/overview"

/** GET /admin/analytics/signals: zero-result searches, payment-step abandonment and database load, each with its status and action. */
export const GET = async (req: MedusaRequest, res: MedusaResponse) => {
  res.json(await analyticsSignals(req.scope))
}
