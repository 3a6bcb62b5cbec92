import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { sendReviewRequestsStep, type SendReviewRequestsInput } from "./steps/send-review-requests"

/** Sends the review invitations that are due (run by the `send-review-requests` job). */
export const sendReviewRequestsWorkflow = createWorkflow("send-review-requests", (input: SendReviewRequestsInput) => {
  return new WorkflowResponse(sendReviewRequestsStep(input))
})
