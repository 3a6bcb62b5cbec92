import { Module } from "@medusajs/framework/utils"
import KeelCacheService, { KEEL_CACHE_MODULE } from "./service"

/**
 * Keel's catalog response cache, in one folder. Imports run one way (a file imports only those
 * above it, and nothing here imports this entry):
 *   catalog.ts (Medusa's routes and events), declarations.ts (+ the plugins'), routes.ts (composed)
 *   store.ts          storage: Redis entries, in-process layers, the invalidation log
 *   invalidation.ts   events → tags → the log
 *   front-lane.ts     replays before Express, from the store
 *   service.ts        the module: one store on the shared Redis connection, from the module options
 *   http.ts           the Express middleware, the one sender of a catalog answer
 * The app uses this file only: the module (medusa-config.ts), its middlewares
 * (src/api/middlewares.ts), the front lane (instrumentation.ts) and the subscriber's events.
 */
export default Module(KEEL_CACHE_MODULE, { service: KeelCacheService })

export type { KeelCacheOptions } from "./service"
export { default as KeelCacheService, KEEL_CACHE_MODULE, cacheRoutes } from "./service"
export { installFrontLane } from "./front-lane"
export { catalogCacheRoutes, noStore } from "./http"
