import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ALERT_EVENTS, alertsTouchedBy } from "../lib/alert-events"
import { checkWishlistAlertsInChunks } from "../lib/alert-sweep"

/**
 * Stock and price changes: the alerts on the variants they touch are checked at once (the
 * `keel-wishlist-alerts` job also checks every alert regularly, for changes no event names, such
 * as a price list whose dates begin).
 */
export default async function wishlistAlertsHandler({ event, container }: SubscriberArgs<{ id: string | string[] }>) {
  const touched = await alertsTouchedBy(container, event.name, event.data)
  if (touched?.variant_ids.length) {
    await checkWishlistAlertsInChunks(container, touched.variant_ids, touched.kinds)
  }
}

export const config: SubscriberConfig = {
  event: ALERT_EVENTS,
  context: { subscriberId: "keel-wishlist-alerts" },
}
