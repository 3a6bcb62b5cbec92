import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { toCsv } from "../../../../lib/csv"
import { analyticsOverview, analyticsSignals } from "../../../../lib/overview"
import type { AdminAnalyticsExportType } from "../../../validators"

/** GET /admin/analytics/export?metric&from&to&currency: one metric as a CSV download. */
export const GET = async (req: MedusaRequest<unknown, AdminAnalyticsExportType>, res: MedusaResponse) => {
  const { metric, ...range } = req.validatedQuery as AdminAnalyticsExportType
  const csv =
    metric === "signals" ? toCsv(metric, null, await analyticsSignals(req.scope)) : toCsv(metric, await analyticsOverview(req.scope, range), null)
  res.setHeader("Content-Type", "text/csv; charset=utf-8")
  res.setHeader("Content-Disposition", `attachment; filename="keel-analytics-${metric}.csv"`)
  res.send(csv)
}
