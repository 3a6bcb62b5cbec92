import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { deliverWishlistNotifications } from "../../lib/notification-delivery"

/**
 * Sends the queued alert notifications now (these ids, or every pending one that is due). A
 * failure is recorded on its row for the next attempt, never thrown: the alerts it announces have
 * fired, and undoing them would only announce them again. The last step: a sent mail is not undone.
 */
export const deliverWishlistNotificationsStep = createStep(
  "deliver-wishlist-notifications",
  async (input: { ids?: string[]; now?: Date | string }, { container }) =>
    // A workflow engine may hand the date over as its ISO string.
    new StepResponse(await deliverWishlistNotifications(container, { ids: input.ids, now: input.now ? new Date(input.now) : undefined }))
)
