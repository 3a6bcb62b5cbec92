import { emitEventStep } from "@medusajs/medusa/core-flows"
import { REVIEWS_CHANGED_EVENT } from "../lib/events"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { checkReviewAccessStep } from "./steps/check-review-access"
import { setReviewReplyStep, type SetReviewReplyInput } from "./steps/set-review-reply"

/** The merchant answers a review publicly (again: the answer is replaced; null: removed). */
export const replyToReviewWorkflow = createWorkflow("reply-to-review", (input: SetReviewReplyInput) => {
  const reviews = checkReviewAccessStep(transform({ input }, ({ input }) => ({ ids: [input.review_id], as: "merchant" as const })))
  const reply = setReviewReplyStep(input)
  emitEventStep({ eventName: REVIEWS_CHANGED_EVENT, data: transform({ reviews }, ({ reviews }) => ({ product_ids: [reviews[0].product_id] })) })
  return new WorkflowResponse(reply)
})
