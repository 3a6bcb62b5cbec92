import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { REVIEWS_MODULE } from "../../modules/reviews"
import type ReviewsModuleService from "../../modules/reviews/service"
import type { ReviewInput } from "../../lib/types"

export type CreateReviewsStepInput = { reviews: (ReviewInput & { media?: { url: string; file_id?: string | null }[] })[] }

function withoutMedia(review: CreateReviewsStepInput["reviews"][number]): ReviewInput {
  return Object.fromEntries(Object.entries(review).filter(([key]) => key !== "media")) as ReviewInput
}

function isUniqueViolation(error: unknown) {
  const e = error as { code?: string; name?: string; message?: string }
  return e?.code === "23505" || e?.name === "UniqueConstraintViolationException" || /duplicate key|already exists/i.test(e?.message ?? "")
}

/**
 * Writes reviews (and their photos) and refreshes their products' summaries in one
 * transaction. A second review by the same customer of the same product, even one racing
 * the first, is refused by the database's unique index and answered with a 409.
 */
export const createReviewsStep = createStep(
  "create-reviews",
  async ({ reviews }: CreateReviewsStepInput, { container }) => {
    const service = container.resolve<ReviewsModuleService>(REVIEWS_MODULE)
    let created: { id: string }[]
    try {
      created = await service.createReviewsWithSummary(reviews.map(withoutMedia))
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new MedusaError(MedusaError.Types.CONFLICT, "You have already reviewed this product: edit your review instead.")
      }
      throw error
    }
    const media = reviews.flatMap((review, i) => (review.media ?? []).map((m) => ({ ...m, review_id: created[i].id })))
    if (media.length) {
      await service.createReviewMedias(media)
    }
    const ids = created.map((r) => r.id)
    return new StepResponse(await service.listReviews({ id: ids }, { relations: ["media"] }), ids)
  },
  async (ids, { container }) => {
    if (!ids?.length) {
      return
    }
    const service = container.resolve<ReviewsModuleService>(REVIEWS_MODULE)
    const reviews = await service.listReviews({ id: ids }, { select: ["id", "product_id"] })
    await service.deleteReviews(ids)
    await service.refreshSummaries(reviews.map((r) => r.product_id))
  }
)
