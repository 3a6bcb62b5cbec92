import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { REVIEWS_MODULE } from "../../modules/reviews"
import type ReviewsModuleService from "../../modules/reviews/service"

export type SetReviewVoteInput = { review_id: string; customer_id: string; helpful: boolean }

/** A customer's vote on a review, replacing their earlier one; the review's counts follow. */
export const setReviewVoteStep = createStep(
  "set-review-vote",
  async (input: SetReviewVoteInput, { container }) => {
    const service = container.resolve<ReviewsModuleService>(REVIEWS_MODULE)
    const [existing] = await service.listReviewVotes({ review_id: input.review_id, customer_id: input.customer_id })
    if (existing) {
      await service.updateReviewVotes({ id: existing.id, helpful: input.helpful })
    } else {
      await service.createReviewVotes({ review_id: input.review_id, customer_id: input.customer_id, helpful: input.helpful })
    }
    await service.refreshVoteCounts([input.review_id])
    const [vote] = await service.listReviewVotes({ review_id: input.review_id, customer_id: input.customer_id })
    return new StepResponse(vote, { vote_id: vote.id, review_id: input.review_id, previous: existing ? existing.helpful : null })
  },
  async (undo, { container }) => {
    if (!undo) {
      return
    }
    const service = container.resolve<ReviewsModuleService>(REVIEWS_MODULE)
    if (undo.previous === null) {
      await service.deleteReviewVotes(undo.vote_id)
    } else {
      await service.updateReviewVotes({ id: undo.vote_id, helpful: undo.previous })
    }
    await service.refreshVoteCounts([undo.review_id])
  }
)
