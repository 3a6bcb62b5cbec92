import {
  authenticate,
  defineMiddlewares,
  validateAndTransformBody,
  validateAndTransformQuery,
  type MedusaNextFunction,
  type MedusaRequest,
  type MedusaResponse,
} from "@medusajs/framework/http"
import {
  AdminImportReviews,
  AdminListReviews,
  AdminReplyToReview,
  AdminSetReviewStatus,
  StoreCreateReview,
  StoreListReviews,
  StoreReviewVote,
  StoreUpdateReview,
} from "./validators"

// Review text is plain text in JSON: tell browsers never to sniff it into anything else.
function plainJson(_req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) {
  res.setHeader("X-Content-Type-Options", "nosniff")
  next()
}

const customer = authenticate("customer", ["session", "bearer"])

export default defineMiddlewares({
  routes: [
    { matcher: "/store/products/:id/reviews*", middlewares: [plainJson] },
    { matcher: "/store/reviews*", middlewares: [plainJson] },
    { matcher: "/store/products/:id/reviews", method: "GET", middlewares: [validateAndTransformQuery(StoreListReviews, {})] },
    { matcher: "/store/products/:id/reviews", method: "POST", middlewares: [customer, validateAndTransformBody(StoreCreateReview)] },
    { matcher: "/store/reviews/:id", method: "PATCH", middlewares: [customer, validateAndTransformBody(StoreUpdateReview)] },
    { matcher: "/store/reviews/:id", method: "DELETE", middlewares: [customer] },
    { matcher: "/store/reviews/:id/votes", method: "POST", middlewares: [customer, validateAndTransformBody(StoreReviewVote)] },
    { matcher: "/store/review-requests*", middlewares: [plainJson] },
    { matcher: "/store/review-requests/:token/review", method: "POST", middlewares: [validateAndTransformBody(StoreCreateReview)] },
    { matcher: "/store/customers/me/reviews", method: "GET", middlewares: [validateAndTransformQuery(StoreListReviews, {})] },
    { matcher: "/admin/reviews", method: "GET", middlewares: [validateAndTransformQuery(AdminListReviews, {})] },
    { matcher: "/admin/reviews/status", method: "POST", middlewares: [validateAndTransformBody(AdminSetReviewStatus)] },
    // An import's file travels in the JSON body: up to 10,000 reviews need more than the default 100 kB.
    { matcher: "/admin/reviews/import", method: "POST", bodyParser: { sizeLimit: "32mb" }, middlewares: [validateAndTransformBody(AdminImportReviews)] },
    { matcher: "/admin/reviews/:id/reply", method: "POST", middlewares: [validateAndTransformBody(AdminReplyToReview)] },
  ],
})
