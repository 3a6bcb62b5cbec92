import type { MedusaContainer } from "@medusajs/framework/types"
import { checkAllWishlistAlerts } from "../lib/alert-sweep"

/**
 * Every 15 minutes: every alert against the shop as it is. Events announce most changes at once;
 * this catches those no event names (a price list whose start date passes, a reservation that
 * expires) and any event that was lost.
 */
export default async function checkWishlistAlerts(container: MedusaContainer) {
  await checkAllWishlistAlerts(container)
}

export const config = {
  name: "keel-wishlist-alerts",
  schedule: "*/15 * * * *",
}
