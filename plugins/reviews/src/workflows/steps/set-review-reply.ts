import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { REVIEWS_MODULE } from "../../modules/reviews"
import type ReviewsModuleService from "../../modules/reviews/service"

export type SetReviewReplyInput = { review_id: string; content: string | null; author_id?: string | null }

/** The merchant's reply to a review: written, replaced, or (content null) removed. */
export const setReviewReplyStep = createStep(
  "set-review-reply",
  async (input: SetReviewReplyInput, { container }) => {
    const service = container.resolve<ReviewsModuleService>(REVIEWS_MODULE)
    const [existing] = await service.listReviewReplies({ review_id: input.review_id })
    const previous = existing ? { id: existing.id, content: existing.content, author_id: existing.author_id } : null
    if (input.content === null) {
      // Removing a reply the review does not have is a 404, not a quiet success.
      if (!existing) {
        throw new MedusaError(MedusaError.Types.NOT_FOUND, `Review ${input.review_id} has no reply`)
      }
      await service.softDeleteReviewReplies(existing.id)
      return new StepResponse(null, { review_id: input.review_id, previous, created: null as string | null })
    }
    if (existing) {
      const reply = await service.updateReviewReplies({ id: existing.id, content: input.content, author_id: input.author_id ?? null })
      return new StepResponse(reply, { review_id: input.review_id, previous, created: null as string | null })
    }
    const reply = await service.createReviewReplies({ review_id: input.review_id, content: input.content, author_id: input.author_id ?? null })
    return new StepResponse(reply, { review_id: input.review_id, previous, created: reply.id as string | null })
  },
  async (undo, { container }) => {
    if (!undo) {
      return
    }
    const service = container.resolve<ReviewsModuleService>(REVIEWS_MODULE)
    if (undo.created) {
      await service.deleteReviewReplies(undo.created)
    }
    if (undo.previous) {
      await service.restoreReviewReplies(undo.previous.id)
      await service.updateReviewReplies({ id: undo.previous.id, content: undo.previous.content, author_id: undo.previous.author_id })
    }
  }
)
