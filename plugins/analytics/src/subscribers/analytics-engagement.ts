import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import type { CapturedEvent } from "../lib/events"
import { recordAnalyticsEventsWorkflow } from "../workflows/record-analytics-events"

/** Keel's plugins' events (by name, so neither plugin depends on the other). */
export const WISHLIST_ITEM_ADDED = "keel_wishlist.item_added"
export const REVIEW_CREATED = "keel_review.created"

type Data = { id?: string; item_id?: string; wishlist_id?: string; product_id?: string; variant_id?: string; customer_id?: string | null; rating?: number; verified_purchase?: boolean }

/** "Product Added to Wishlist" and "Product Reviewed", for the customer (guests' lists have none). */
export default async function analyticsEngagement({ event, container }: SubscriberArgs<Data>) {
  const d = event.data
  const captured: CapturedEvent =
    event.name === WISHLIST_ITEM_ADDED
      ? {
          name: "Product Added to Wishlist",
          session_id: null,
          customer_id: d.customer_id ?? null,
          source: "server",
          properties: { wishlist_id: d.wishlist_id, product_id: d.product_id, variant_id: d.variant_id },
        }
      : {
          name: "Product Reviewed",
          session_id: null,
          customer_id: d.customer_id ?? null,
          source: "server",
          dedupe_key: `review:${d.id}`,
          properties: { review_id: d.id, product_id: d.product_id, rating: d.rating, verified_purchase: d.verified_purchase ?? false },
        }
  await recordAnalyticsEventsWorkflow(container).run({ input: [captured] })
}

export const config: SubscriberConfig = { event: [WISHLIST_ITEM_ADDED, REVIEW_CREATED], context: { subscriberId: "keel-analytics-engagement" } }
