import { emitEventStep } from "@medusajs/medusa/core-flows"
import { REVIEWS_CHANGED_EVENT } from "../lib/events"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { moderate, type ModerationOptions } from "../lib/moderation"
import { checkReviewAccessStep } from "./steps/check-review-access"
import { reviewOptionsStep } from "./steps/review-options"
import { updateReviewsStep } from "./steps/update-reviews"

export type UpdateReviewInput = {
  id: string
  customer_id: string
  rating?: number
  title?: string | null
  content?: string
  locale?: string | null
}

/** The author edits their review; the edit is moderated again like a new review. */
export const updateReviewWorkflow = createWorkflow("update-review", (input: UpdateReviewInput) => {
  const reviews = checkReviewAccessStep(transform({ input }, ({ input }) => ({ ids: [input.id], customer_id: input.customer_id, as: "author" as const })))
  const review = transform({ reviews }, ({ reviews }) => reviews[0])
  const options = reviewOptionsStep()
  const update = transform({ input, review, options }, ({ input, review, options }) => {
    const next = {
      rating: input.rating ?? review.rating,
      title: input.title === undefined ? review.title : input.title,
      content: input.content ?? review.content,
      locale: input.locale === undefined ? review.locale : input.locale,
    }
    const decision = moderate({ ...next, verified_purchase: review.verified_purchase }, options.moderation as ModerationOptions)
    return [{ id: review.id, ...next, status: decision.status, moderation_reason: decision.reason }]
  })
  const updated = updateReviewsStep(update)
  emitEventStep({ eventName: REVIEWS_CHANGED_EVENT, data: transform({ review }, ({ review }) => ({ product_ids: [review.product_id] })) })
  return new WorkflowResponse(transform({ updated }, ({ updated }) => updated[0]))
})
