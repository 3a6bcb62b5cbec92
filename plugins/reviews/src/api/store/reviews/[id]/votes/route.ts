import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { storeReview } from "../../../../../lib/present"
import { REVIEWS_MODULE } from "../../../../../modules/reviews"
import type ReviewsModuleService from "../../../../../modules/reviews/service"
import { voteOnReviewWorkflow } from "../../../../../workflows/vote-on-review"
import type { StoreReviewVoteType } from "../../../../validators"

/** POST /store/reviews/:id/votes `{ helpful }`: a logged-in customer, not the author; a new vote replaces theirs. */
export const POST = async (req: AuthenticatedMedusaRequest<StoreReviewVoteType>, res: MedusaResponse) => {
  await voteOnReviewWorkflow(req.scope).run({
    input: { review_id: req.params.id, customer_id: req.auth_context.actor_id, helpful: req.validatedBody.helpful },
  })
  const [review] = await req.scope
    .resolve<ReviewsModuleService>(REVIEWS_MODULE)
    .listReviews({ id: req.params.id }, { relations: ["media", "replies"] })
  res.json({ review: storeReview(review), vote: { helpful: req.validatedBody.helpful } })
}
