import { authenticate, defineMiddlewares, validateAndTransformBody, validateAndTransformQuery } from "@medusajs/framework/http"
import { captureStoreActivity } from "../lib/capture"
import { AdminAnalyticsExport, AdminAnalyticsRange, AdminAnalyticsRollup, StoreIngestBatch } from "./validators"

export default defineMiddlewares({
  routes: [
    // Every store call: the checkout steps it completes are captured after it answers.
    { matcher: "/store/*", middlewares: [captureStoreActivity] },
    {
      matcher: "/store/analytics/events",
      method: "POST",
      bodyParser: { sizeLimit: "512kb" },
      middlewares: [authenticate("customer", ["session", "bearer"], { allowUnauthenticated: true }), validateAndTransformBody(StoreIngestBatch)],
    },
    { matcher: "/admin/analytics/overview", method: "GET", middlewares: [validateAndTransformQuery(AdminAnalyticsRange, {})] },
    { matcher: "/admin/analytics/export", method: "GET", middlewares: [validateAndTransformQuery(AdminAnalyticsExport, {})] },
    { matcher: "/admin/analytics/rollup", method: "POST", middlewares: [validateAndTransformBody(AdminAnalyticsRollup)] },
  ],
})
