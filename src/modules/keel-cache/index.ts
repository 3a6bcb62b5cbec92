import { Module } from "@medusajs/framework/utils"
import KeelCacheService, { KEEL_CACHE_MODULE } from "./service"

/**
 * Keel's catalog response cache, in one folder; imports run one way:
 * declarations (catalog.ts, the plugins') → routes.ts → store.ts (Redis, in-process layers,
 * invalidation log) → invalidation.ts → service.ts (this module) → front-lane.ts, http.ts.
 * The app uses this file only: the module (medusa-config.ts), its middlewares
 * (src/api/middlewares.ts), the front lane (instrumentation.ts) and the subscriber's events.
 */
export default Module(KEEL_CACHE_MODULE, { service: KeelCacheService })

export type { KeelCacheOptions } from "./service"
export { default as KeelCacheService, KEEL_CACHE_MODULE, cacheRoutes } from "./service"
export { installFrontLane } from "./front-lane"
export { catalogCacheRoutes, noStore } from "./http"
