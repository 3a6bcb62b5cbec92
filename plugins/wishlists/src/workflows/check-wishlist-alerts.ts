import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { applyWishlistAlertsStep } from "./steps/apply-wishlist-alerts"
import { readWishlistAlertsStep, type ReadWishlistAlertsInput } from "./steps/read-wishlist-alerts"
import { sendWishlistAlertNotificationsStep } from "./steps/send-wishlist-alert-notifications"

/**
 * Checks the alerts on these variants against the shop as it is now: a variant back in stock
 * or cheaper by the configured percent sends one notification per subscribed item. Safe to run
 * as often as anything changes: an alert announces each change once.
 */
export const checkWishlistAlertsWorkflow = createWorkflow("check-wishlist-alerts", (input: ReadWishlistAlertsInput) => {
  const { readings } = readWishlistAlertsStep(input)
  const fired = applyWishlistAlertsStep({ readings })
  const sent = sendWishlistAlertNotificationsStep(fired)
  return new WorkflowResponse({ fired, sent })
})
