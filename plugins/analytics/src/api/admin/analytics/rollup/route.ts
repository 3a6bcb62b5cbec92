import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { rollupAnalyticsWorkflow } from "../../../../workflows/rollup-analytics"
import type { AdminAnalyticsRollupType } from "../../../validators"

const DAY_MS = 86_400_000

/**
 * POST /admin/analytics/rollup: fold in what arrived since the last run now, rather than at the
 * job's next run; with `{ from, to? }`, recompute every day of that range (a backfill, e.g.
 * after importing events older than the late window).
 */
export const POST = async (req: MedusaRequest<AdminAnalyticsRollupType>, res: MedusaResponse) => {
  const { from, to } = req.validatedBody ?? {}
  const days: Date[] = []
  if (from) {
    for (let t = Math.floor(from.getTime() / DAY_MS) * DAY_MS; t <= (to ?? new Date()).getTime(); t += DAY_MS) days.push(new Date(t))
  }
  const { result } = await rollupAnalyticsWorkflow(req.scope).run({ input: from ? { days } : {} })
  res.json({ rollup: result })
}
