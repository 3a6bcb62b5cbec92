import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { scheduleReviewRequestStep } from "./steps/schedule-review-request"

/** After an order is fulfilled: schedule the invitation to review what it brought. */
export const scheduleReviewRequestWorkflow = createWorkflow("schedule-review-request", (input: { order_id: string }) => {
  return new WorkflowResponse(scheduleReviewRequestStep(input))
})
