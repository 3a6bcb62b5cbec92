import {
  authenticate,
  defineMiddlewares,
  validateAndTransformBody,
  validateAndTransformQuery,
  type MedusaNextFunction,
  type MedusaRequest,
  type MedusaResponse,
} from "@medusajs/framework/http"
import { id, multipartFiles, validatePathParams } from "@keel/core"
import { photoUploadBudget, reviewBudget } from "../lib/budgets"
import { REVIEW_PHOTO_MAX_BYTES, REVIEW_PHOTOS_MAX } from "../lib/images"
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
// :id (a product or a review) is an id; a review link's :token is a signed JWT.
const ids = validatePathParams()
const token = validatePathParams({ token: id({ max: 2048 }) })

// Review photos are read into memory (as Medusa's own uploads are); every parse error or limit answers 400.
const photos = multipartFiles({ field: "files", maxFiles: REVIEW_PHOTOS_MAX, maxFileBytes: REVIEW_PHOTO_MAX_BYTES })

export default defineMiddlewares({
  routes: [
    { matcher: "/store/products/:id/reviews*", middlewares: [plainJson] },
    { matcher: "/store/reviews*", middlewares: [plainJson] },
    { matcher: "/store/review-requests*", middlewares: [plainJson] },
    { matcher: "/store/customers/me/reviews", middlewares: [plainJson] },
    { matcher: "/store/products/:id/reviews", method: "GET", middlewares: [ids, validateAndTransformQuery(StoreListReviews, {})] },
    { matcher: "/store/products/:id/reviews/summary", method: "GET", middlewares: [ids] },
    { matcher: "/store/products/:id/reviews", method: "POST", middlewares: [customer, ids, validateAndTransformBody(StoreCreateReview), reviewBudget] },
    { matcher: "/store/reviews/media", method: "POST", bodyParser: false, middlewares: [customer, photoUploadBudget, photos] },
    { matcher: "/store/reviews/:id", method: "PATCH", middlewares: [customer, ids, validateAndTransformBody(StoreUpdateReview)] },
    { matcher: "/store/reviews/:id", method: "DELETE", middlewares: [customer, ids] },
    { matcher: "/store/reviews/:id/votes", method: "POST", middlewares: [customer, ids, validateAndTransformBody(StoreReviewVote)] },
    { matcher: "/store/review-requests/:token", method: "GET", middlewares: [token] },
    { matcher: "/store/review-requests/:token/review", method: "POST", middlewares: [token, validateAndTransformBody(StoreCreateReview)] },
    { matcher: "/store/customers/me/reviews", method: "GET", middlewares: [validateAndTransformQuery(StoreListReviews, {})] },
    { matcher: "/admin/reviews", method: "GET", middlewares: [validateAndTransformQuery(AdminListReviews, {})] },
    { matcher: "/admin/reviews/status", method: "POST", middlewares: [validateAndTransformBody(AdminSetReviewStatus)] },
    // An import's file travels in the JSON body: up to 10,000 reviews need more than the default 100 kB.
    { matcher: "/admin/reviews/import", method: "POST", bodyParser: { sizeLimit: "32mb" }, middlewares: [validateAndTransformBody(AdminImportReviews)] },
    { matcher: "/admin/reviews/:id", method: ["GET", "DELETE"], middlewares: [ids] },
    { matcher: "/admin/reviews/:id/reply", method: "POST", middlewares: [ids, validateAndTransformBody(AdminReplyToReview)] },
    { matcher: "/admin/reviews/:id/reply", method: "DELETE", middlewares: [ids] },
  ],
})
