import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { rollupAnalyticsWorkflow } from "../../../../workflows/rollup-analytics"

/** POST /admin/analytics/rollup: fold in what arrived since the last run now, rather than at the job's next run. */
export const POST = async (req: MedusaRequest, res: MedusaResponse) => {
  const { result } = await rollupAnalyticsWorkflow(req.scope).run({ input: {} })
  res.json({ rollup: result })
}
