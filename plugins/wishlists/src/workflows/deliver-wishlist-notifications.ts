import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { deliverWishlistNotificationsStep } from "./steps/deliver-wishlist-notifications"

/** Delivers the alert notifications that are due (the job runs it every minute), exactly once each. */
export const deliverWishlistNotificationsWorkflow = createWorkflow("deliver-wishlist-notifications", (input: { ids?: string[]; now?: Date | string }) => {
  return new WorkflowResponse(deliverWishlistNotificationsStep(input))
})
