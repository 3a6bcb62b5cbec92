import { emitEventStep } from "@medusajs/medusa/core-flows"
import { REVIEWS_CHANGED_EVENT } from "../lib/events"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { checkReviewAccessStep } from "./steps/check-review-access"
import { updateReviewsStep } from "./steps/update-reviews"

export type SetReviewStatusInput = { ids: string[]; status: "approved" | "rejected" | "pending" | "flagged" }

/** The merchant approves or rejects reviews (in bulk); summaries follow. */
export const setReviewStatusWorkflow = createWorkflow("set-review-status", (input: SetReviewStatusInput) => {
  const reviews = checkReviewAccessStep(transform({ input }, ({ input }) => ({ ids: input.ids, as: "merchant" as const })))
  const updates = transform({ input }, ({ input }) => input.ids.map((id) => ({ id, status: input.status, moderation_reason: null })))
  const updated = updateReviewsStep(updates)
  emitEventStep({ eventName: REVIEWS_CHANGED_EVENT, data: transform({ reviews }, ({ reviews }) => ({ product_ids: [...new Set(reviews.map((r) => r.product_id))] })) })
  return new WorkflowResponse(updated)
})
