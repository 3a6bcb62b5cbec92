import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ownReview } from "../../../../../lib/present"
import { REVIEWS_MODULE } from "../../../../../modules/reviews"
import type ReviewsModuleService from "../../../../../modules/reviews/service"
import { ordering, type StoreListReviewsType } from "../../../../validators"

/** GET /store/customers/me/reviews: the customer's own reviews, whatever their status. */
export const GET = async (req: AuthenticatedMedusaRequest<unknown, StoreListReviewsType>, res: MedusaResponse) => {
  const { limit, offset, order } = req.validatedQuery as StoreListReviewsType
  const [reviews, count] = await req.scope
    .resolve<ReviewsModuleService>(REVIEWS_MODULE)
    .listAndCountReviews({ customer_id: req.auth_context.actor_id }, { take: limit, skip: offset, order: ordering(order), relations: ["media", "replies"] })
  res.json({ reviews: reviews.map(ownReview), count, limit, offset })
}
