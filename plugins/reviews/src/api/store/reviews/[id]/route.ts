import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ownReview } from "../../../../lib/present"
import { REVIEWS_MODULE } from "../../../../modules/reviews"
import type ReviewsModuleService from "../../../../modules/reviews/service"
import { deleteReviewsWorkflow } from "../../../../workflows/delete-reviews"
import { updateReviewWorkflow } from "../../../../workflows/update-review"
import type { StoreUpdateReviewType } from "../../../validators"

/** PATCH /store/reviews/:id: the author edits their review (moderated again). */
export const PATCH = async (req: AuthenticatedMedusaRequest<StoreUpdateReviewType>, res: MedusaResponse) => {
  await updateReviewWorkflow(req.scope).run({
    input: { id: req.params.id, customer_id: req.auth_context.actor_id, ...req.validatedBody },
  })
  const [review] = await req.scope
    .resolve<ReviewsModuleService>(REVIEWS_MODULE)
    .listReviews({ id: req.params.id }, { relations: ["media", "replies"] })
  res.json({ review: ownReview(review) })
}

/** DELETE /store/reviews/:id: the author deletes their review. */
export const DELETE = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  await deleteReviewsWorkflow(req.scope).run({ input: { ids: [req.params.id], customer_id: req.auth_context.actor_id } })
  res.json({ id: req.params.id, object: "review", deleted: true })
}
