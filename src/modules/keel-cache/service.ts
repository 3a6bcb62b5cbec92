import { sharedRedis, type CacheInvalidationContext, type Logger } from "@keel/core"
import { CACHE_DECLARATIONS } from "./declarations"
import { attachFrontLane } from "./front-lane"
import { CatalogInvalidator } from "./invalidation"
import { CacheRoutes } from "./routes"
import { CatalogCacheStore } from "./store"

/** The module's name in the container. */
export const KEEL_CACHE_MODULE = "keelCache"

export type KeelCacheOptions = {
  /** Redis of the shop (the production profile); without it the cache is off (`x-keel-cache: off`). */
  redisUrl?: string
  /** Seconds a cached answer is kept at most (default 300). */
  ttlSeconds?: number
  /** `s-maxage` and `stale-while-revalidate` of anonymous catalog answers (default 2 and 8). */
  edgeMaxAge?: number
  edgeStaleWhileRevalidate?: number
  /** The front lane (replays before Express) when instrumentation.ts asks for it (default on). */
  frontLane?: boolean
}

/** The composed routes: known without the module (the middlewares and the subscriber are built before it loads). */
export const cacheRoutes = new CacheRoutes(CACHE_DECLARATIONS)

/**
 * The catalog response cache of this process: its store on the one shared Redis connection
 * (@keel/core's sharedRedis, also used by the plugins' budgets), its invalidator and options.
 */
export default class KeelCacheService {
  readonly store: CatalogCacheStore | null
  readonly routes = cacheRoutes
  readonly edge: { maxAge: number; staleWhileRevalidate: number }
  private readonly invalidator: CatalogInvalidator | null

  constructor({ logger }: { logger: Logger }, options: KeelCacheOptions = {}) {
    this.edge = { maxAge: options.edgeMaxAge ?? 2, staleWhileRevalidate: options.edgeStaleWhileRevalidate ?? 8 }
    if (!options.redisUrl) {
      this.store = null
      this.invalidator = null
      return
    }
    const redis = sharedRedis(options.redisUrl, logger)
    this.store = new CatalogCacheStore(redis, { url: options.redisUrl, ttlSeconds: options.ttlSeconds ?? 300, logger })
    this.invalidator = new CatalogInvalidator(this.store, this.routes, logger)
    if (options.frontLane !== false) attachFrontLane(this.store, this.routes)
  }

  /** A catalog event: drops, on every instance, the cached answers showing what it changed. */
  async invalidateFor(event: string, data: unknown, context: CacheInvalidationContext) {
    await this.invalidator?.handle(event, data, context)
  }
}
