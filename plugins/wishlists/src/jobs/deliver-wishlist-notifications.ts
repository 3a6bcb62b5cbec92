import type { MedusaContainer } from "@medusajs/framework/types"
import { deliverWishlistNotificationsWorkflow } from "../workflows/deliver-wishlist-notifications"

/** Every minute: the alert notifications whose next attempt is due (after a failure). */
export default async function deliverWishlistNotifications(container: MedusaContainer) {
  await deliverWishlistNotificationsWorkflow(container).run({ input: {} })
}

export const config = {
  name: "keel-wishlist-notifications",
  schedule: "* * * * *",
}
