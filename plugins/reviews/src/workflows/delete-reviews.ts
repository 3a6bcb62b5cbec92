import { emitEventStep } from "@medusajs/medusa/core-flows"
import { REVIEWS_CHANGED_EVENT } from "../lib/events"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { checkReviewAccessStep } from "./steps/check-review-access"
import { deleteReviewsStep } from "./steps/delete-reviews"

/** Deletes reviews: the author their own (customer_id given), the merchant any. */
export const deleteReviewsWorkflow = createWorkflow("delete-reviews", (input: { ids: string[]; customer_id?: string }) => {
  const reviews = checkReviewAccessStep(transform({ input }, ({ input }) => ({ ids: input.ids, customer_id: input.customer_id, as: input.customer_id ? ("author" as const) : ("merchant" as const) })))
  const deleted = deleteReviewsStep(transform({ input }, ({ input }) => input.ids))
  emitEventStep({ eventName: REVIEWS_CHANGED_EVENT, data: transform({ reviews }, ({ reviews }) => ({ product_ids: [...new Set(reviews.map((r) => r.product_id))] })) })
  return new WorkflowResponse(deleted)
})
