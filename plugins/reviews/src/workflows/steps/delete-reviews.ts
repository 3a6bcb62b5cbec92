import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { REVIEWS_MODULE } from "../../modules/reviews"
import type ReviewsModuleService from "../../modules/reviews/service"

/** Deletes reviews (soft, with their photos, replies and votes) and refreshes the summaries. */
export const deleteReviewsStep = createStep(
  "delete-reviews",
  async (ids: string[], { container }) => {
    await container.resolve<ReviewsModuleService>(REVIEWS_MODULE).softDeleteReviewsWithSummary(ids)
    return new StepResponse(ids, ids)
  },
  async (ids, { container }) => {
    if (ids?.length) {
      await container.resolve<ReviewsModuleService>(REVIEWS_MODULE).restoreReviewsWithSummary(ids)
    }
  }
)
