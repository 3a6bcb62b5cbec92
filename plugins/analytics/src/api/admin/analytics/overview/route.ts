import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { analyticsOverview } from "../../../../lib/overview"
import type { AdminAnalyticsRangeType } from "../../../validators"

/** GET /admin/analytics/overview?from&to&currency: KPIs, time series, funnel and tables for the range, from the rollups. */
export const GET = async (req: MedusaRequest<unknown, AdminAnalyticsRangeType>, res: MedusaResponse) => {
  res.json(await analyticsOverview(req.scope, req.validatedQuery as AdminAnalyticsRangeType))
}
