import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { REVIEWS_MODULE } from "../../modules/reviews"
import type ReviewsModuleService from "../../modules/reviews/service"

export type CheckReviewAccessInput = {
  ids: string[]
  /** The customer acting; absent for the merchant (admin). */
  customer_id?: string
  /** "author": only the review's author may act; "voter": anyone but the author, on approved reviews. */
  as: "author" | "voter" | "merchant"
}

/** Loads the reviews a change is about and refuses it when the actor may not make it. */
export const checkReviewAccessStep = createStep("check-review-access", async (input: CheckReviewAccessInput, { container }) => {
  const service = container.resolve<ReviewsModuleService>(REVIEWS_MODULE)
  const reviews = await service.listReviews({ id: input.ids })
  const missing = input.ids.filter((id) => !reviews.some((r) => r.id === id))
  // A review the voter cannot see (not approved) is as good as missing to them.
  const hidden = input.as === "voter" ? reviews.filter((r) => r.status !== "approved").map((r) => r.id) : []
  if (missing.length || hidden.length) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Review with id: ${[...missing, ...hidden].join(", ")} was not found`)
  }
  for (const review of reviews) {
    if (input.as === "author" && review.customer_id !== input.customer_id) {
      throw new MedusaError(MedusaError.Types.FORBIDDEN, "Only the review's author can change or delete it")
    }
    if (input.as === "voter" && review.customer_id === input.customer_id) {
      throw new MedusaError(MedusaError.Types.FORBIDDEN, "You cannot vote on your own review")
    }
  }
  return new StepResponse(reviews)
})
