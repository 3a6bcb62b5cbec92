import type { SubscriberConfig } from "@medusajs/framework"
import { CATALOG_EVENTS, getResponseCache } from "../lib/response-cache"

/**
 * A change to anything catalog responses show (products, variants, prices, stock,
 * categories, collections, regions, sales channels) makes the cached responses obsolete
 * on every server instance. Runs on workers (and shared instances).
 */
export default async function catalogCacheInvalidation() {
  getResponseCache()?.invalidate()
}

export const config: SubscriberConfig = {
  event: CATALOG_EVENTS,
  context: { subscriberId: "keel-catalog-cache-invalidation" },
}
