import {
  authenticate,
  defineMiddlewares,
  validateAndTransformBody,
  validateAndTransformQuery,
  type MedusaNextFunction,
  type MedusaRequest,
  type MedusaResponse,
} from "@medusajs/framework/http"
import multer from "multer"
import { MedusaError } from "@medusajs/framework/utils"
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

// Review photos are read into memory (as Medusa's own uploads are); limits answer 400, not 500.
const photos = multer({ storage: multer.memoryStorage(), limits: { fileSize: REVIEW_PHOTO_MAX_BYTES, files: REVIEW_PHOTOS_MAX } }).array("files")
function reviewPhotos(req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) {
  photos(req as never, res as never, (error?: unknown) => {
    if (error instanceof multer.MulterError) {
      return next(new MedusaError(MedusaError.Types.INVALID_DATA, `Review photos: ${(error as Error).message} (at most ${REVIEW_PHOTOS_MAX} images of ${REVIEW_PHOTO_MAX_BYTES / 1024 / 1024} MB)`))
    }
    next(error as Error | undefined)
  })
}

export default defineMiddlewares({
  routes: [
    { matcher: "/store/products/:id/reviews*", middlewares: [plainJson] },
    { matcher: "/store/reviews*", middlewares: [plainJson] },
    { matcher: "/store/products/:id/reviews", method: "GET", middlewares: [validateAndTransformQuery(StoreListReviews, {})] },
    { matcher: "/store/products/:id/reviews", method: "POST", middlewares: [customer, validateAndTransformBody(StoreCreateReview)] },
    { matcher: "/store/reviews/media", method: "POST", bodyParser: false, middlewares: [customer, reviewPhotos] },
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
