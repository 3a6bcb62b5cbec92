import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ALERT_EVENTS, alertKindsFor, alertsTouchedBy } from "../lib/alert-events"
import { checkWishlistAlertsInChunks } from "../lib/alert-sweep"
import { WISHLISTS_MODULE } from "../modules/wishlists"
import type WishlistsModuleService from "../modules/wishlists/service"

/**
 * Stock and price changes: the alerts on the variants they touch are checked at once (the
 * `keel-wishlist-alerts` job also checks every alert regularly, for changes no event names, such
 * as a price list whose dates begin).
 */
export default async function wishlistAlertsHandler({ event, container }: SubscriberArgs<{ id: string | string[] }>) {
  // Stock and prices change all day (every checkout reserves stock): when nobody asked for this
  // kind of alert, one indexed count is all an event costs.
  const [, subscribed] = await container
    .resolve<WishlistsModuleService>(WISHLISTS_MODULE)
    .listAndCountWishlistAlerts({ kind: alertKindsFor(event.name) }, { take: 1, select: ["id"] })
  if (!subscribed) return
  const touched = await alertsTouchedBy(container, event.name, event.data)
  if (touched?.variant_ids.length) {
    await checkWishlistAlertsInChunks(container, touched.variant_ids, touched.kinds)
  }
}

export const config: SubscriberConfig = {
  event: ALERT_EVENTS,
  context: { subscriberId: "keel-wishlist-alerts" },
}
