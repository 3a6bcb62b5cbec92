import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { KEEL_CACHE_MODULE, cacheRoutes, type KeelCacheService } from "../modules/keel-cache"

/**
 * A change to anything a cached catalog answer shows (products, variants, prices, stock,
 * categories, collections, regions, sales channels, keys, a plugin's declared events) drops the
 * answers tagged with it on every server instance. Runs on workers (and shared instances).
 */
export default async function catalogCacheInvalidation({ event, container }: SubscriberArgs<unknown>) {
  await container.resolve<KeelCacheService>(KEEL_CACHE_MODULE).invalidateFor(event.name, event.data, container)
}

export const config: SubscriberConfig = {
  event: cacheRoutes.events,
  context: { subscriberId: "keel-catalog-cache-invalidation" },
}
