import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { adminReview } from "../../../../lib/present"
import { REVIEWS_MODULE } from "../../../../modules/reviews"
import type ReviewsModuleService from "../../../../modules/reviews/service"
import { deleteReviewsWorkflow } from "../../../../workflows/delete-reviews"

/** GET /admin/reviews/:id */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const [review] = await req.scope
    .resolve<ReviewsModuleService>(REVIEWS_MODULE)
    .listReviews({ id: req.params.id }, { relations: ["media", "replies"] })
  if (!review) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Review with id: ${req.params.id} was not found`)
  }
  res.json({ review: adminReview(review) })
}

/** DELETE /admin/reviews/:id */
export const DELETE = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  await deleteReviewsWorkflow(req.scope).run({ input: { ids: [req.params.id] } })
  res.json({ id: req.params.id, object: "review", deleted: true })
}
