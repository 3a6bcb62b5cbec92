import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { applyWishlistAlertsStep } from "./steps/apply-wishlist-alerts"
import { readWishlistAlertsStep, type ReadWishlistAlertsInput } from "./steps/read-wishlist-alerts"
import { deliverWishlistNotificationsStep } from "./steps/deliver-wishlist-notifications"
import { queueWishlistAlertNotificationsStep } from "./steps/queue-wishlist-alert-notifications"

/**
 * Checks the alerts on these variants against the shop as it is now: a variant back in stock
 * or cheaper by the configured percent queues one notification per subscribed item, then sends
 * it (retried later while it fails). Safe to run as often as anything changes: an alert
 * announces each change once.
 */
export const checkWishlistAlertsWorkflow = createWorkflow("check-wishlist-alerts", (input: ReadWishlistAlertsInput) => {
  const { readings } = readWishlistAlertsStep(input)
  const fired = applyWishlistAlertsStep({ readings })
  const queued = queueWishlistAlertNotificationsStep(fired)
  const sent = deliverWishlistNotificationsStep(transform({ queued }, ({ queued }) => ({ ids: queued })))
  return new WorkflowResponse({ fired, queued, sent })
})
