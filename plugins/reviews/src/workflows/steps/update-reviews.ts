import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { REVIEWS_MODULE } from "../../modules/reviews"
import type ReviewsModuleService from "../../modules/reviews/service"
import type { ReviewUpdate } from "../../lib/types"

/** Changes reviews (content, rating, status…) and their products' summaries; undone field by field. */
export const updateReviewsStep = createStep(
  "update-reviews",
  async (updates: ReviewUpdate[], { container }) => {
    const service = container.resolve<ReviewsModuleService>(REVIEWS_MODULE)
    const fields = [...new Set(updates.flatMap((u) => Object.keys(u)))]
    const before = await service.listReviews({ id: updates.map((u) => u.id) }, { select: fields as never })
    const updated = await service.updateReviewsWithSummary(updates)
    const previous = before.map((r) => Object.fromEntries(fields.map((f) => [f, (r as Record<string, unknown>)[f]])) as ReviewUpdate)
    return new StepResponse(updated, previous)
  },
  async (previous, { container }) => {
    if (!previous?.length) {
      return
    }
    await container.resolve<ReviewsModuleService>(REVIEWS_MODULE).updateReviewsWithSummary(previous)
  }
)
