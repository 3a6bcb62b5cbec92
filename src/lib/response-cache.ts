import crypto from "crypto"
import type { FrontEntry } from "./front-cache"
import Redis, { RedisOptions } from "ioredis"
import {
  InventoryItemWorkflowEvents,
  InventoryLevelWorkflowEvents,
  PricingEvents,
  ProductCategoryWorkflowEvents,
  ProductCollectionWorkflowEvents,
  ProductOptionValueWorkflowEvents,
  ProductOptionWorkflowEvents,
  ProductTagWorkflowEvents,
  ProductTypeWorkflowEvents,
  ProductVariantWorkflowEvents,
  ProductWorkflowEvents,
  RegionWorkflowEvents,
  ReservationItemWorkflowEvents,
  SalesChannelWorkflowEvents,
} from "@medusajs/framework/utils"

/**
 * Keel's catalog response cache: whole JSON responses of public catalog routes, in Redis
 * (shared by every server instance) with a small in-process layer in front.
 *
 * Invalidation is by generation: every entry key carries the current catalog version; a
 * catalog event bumps the version in Redis and announces it on a pub/sub channel, so every
 * instance stops using older entries at once (they expire by TTL). While Redis cannot be
 * reached the cache is bypassed entirely (reads go to the database), because changes made
 * meanwhile could not be heard; when it is back, the version is bumped once.
 */

/** A response body kept as bytes, so a hit is written out without re-encoding. */
export type CachedResponse = { body: Buffer; etag: string }

const VERSION_KEY = "keel:response-cache:version"
const CHANNEL = "keel:response-cache:invalidate"
const ENTRY_PREFIX = "keel:response-cache:entry:"
const LOCAL_MAX_ENTRIES = 2000
const VERSION_POLL_MS = 1000
// Events arriving together (a product saved with its variants and prices) cost one bump.
const COALESCE_MS = 100
// Medusa's own query cache is invalidated by the same events, concurrently. A response
// recomputed in between could be built from its stale data, so the version is bumped a
// second time once that invalidation has certainly run.
const SECOND_BUMP_MS = 1000

export class ResponseCache {
  private readonly redis: Redis
  private readonly subscriber: Redis
  private readonly local = new Map<string, CachedResponse>()
  // The front lane (front-cache.ts): whole answers by request signature, this version only.
  private readonly front = new Map<string, FrontEntry>()
  private readonly ttlSeconds: number
  private version: string | null = null
  private bumpScheduled = false

  constructor(redisUrl: string, options: { ttlSeconds?: number } = {}) {
    this.ttlSeconds = options.ttlSeconds ?? 300
    const common: RedisOptions = {
      connectTimeout: 1000,
      maxRetriesPerRequest: 1,
      retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
    }
    // Commands fail at once while disconnected instead of queueing behind a dead server.
    this.redis = new Redis(redisUrl, { ...common, enableOfflineQueue: false })
    this.subscriber = new Redis(redisUrl, common)
    // A dropped connection may be a restarted Redis that lost the version: forget ours.
    this.redis.on("error", () => this.markUnavailable())
    this.redis.on("close", () => this.markUnavailable())
    this.subscriber.on("error", () => undefined)
    this.redis.on("ready", () => void this.refreshVersion())
    this.subscriber.on("message", (_channel: string, version: string) => this.useVersion(version))
    this.subscriber.subscribe(CHANNEL).catch(() => undefined)
    setInterval(() => void this.refreshVersion(), VERSION_POLL_MS).unref()
  }

  /** True while entries can be trusted: Redis answers and the catalog version is known. */
  get available() {
    return this.version !== null
  }

  key(parts: unknown[]) {
    const hash = crypto.createHash("sha1").update(JSON.stringify(parts)).digest("base64url")
    return `${this.version}:${hash}`
  }

  async get(key: string): Promise<CachedResponse | undefined> {
    if (!this.available) {
      return undefined
    }
    const local = this.local.get(key)
    if (local) {
      return local
    }
    try {
      // Stored as "<etag>\n<body>".
      const stored = await this.redis.getBuffer(ENTRY_PREFIX + key)
      if (!stored) {
        return undefined
      }
      const newline = stored.indexOf(10)
      const entry = { etag: stored.subarray(0, newline).toString(), body: stored.subarray(newline + 1) }
      this.remember(key, entry)
      return entry
    } catch {
      return undefined
    }
  }

  /** The version an entry key was made under. */
  static versionOf(key: string) {
    return key.slice(0, key.indexOf(":"))
  }

  frontGet(signature: string): FrontEntry | undefined {
    return this.available ? this.front.get(signature) : undefined
  }

  frontSet(signature: string, entry: FrontEntry, version: string) {
    if (!this.available || version !== this.version) {
      return
    }
    if (this.front.size >= LOCAL_MAX_ENTRIES) {
      this.front.delete(this.front.keys().next().value as string)
    }
    this.front.set(signature, entry)
  }

  set(key: string, entry: CachedResponse) {
    if (!this.available || !key.startsWith(`${this.version}:`)) {
      return
    }
    this.remember(key, entry)
    const stored = Buffer.concat([Buffer.from(`${entry.etag}\n`), entry.body])
    this.redis.set(ENTRY_PREFIX + key, stored, "EX", this.ttlSeconds).catch(() => undefined)
  }

  /**
   * Makes every cached response obsolete on every instance. Calls within a short window
   * share one bump, and the bump is repeated once (see SECOND_BUMP_MS). Returns at once:
   * event handlers must not wait for it.
   */
  invalidate() {
    if (this.bumpScheduled) {
      return
    }
    this.bumpScheduled = true
    setTimeout(async () => {
      this.bumpScheduled = false
      await this.bump()
      setTimeout(() => void this.bump(), SECOND_BUMP_MS).unref()
    }, COALESCE_MS).unref()
  }

  private async bump() {
    try {
      const version = String(await this.redis.incr(VERSION_KEY))
      this.useVersion(version)
      await this.redis.publish(CHANNEL, version)
    } catch {
      this.markUnavailable()
    }
  }

  private async refreshVersion() {
    try {
      const wasUnavailable = this.version === null
      const version = (await this.redis.get(VERSION_KEY)) ?? "0"
      this.useVersion(version)
      if (wasUnavailable && version !== "0") {
        // Starting, or back after an outage: changes may have gone unheard, start a new generation.
        await this.bump()
      }
    } catch {
      this.markUnavailable()
    }
  }

  // Versions only move forward while Redis is reachable: a pub/sub message can arrive
  // after a poll already read a later version, and must not bring old entries back.
  // After an outage (version null) any version is taken, as Redis may have lost it.
  private useVersion(version: string) {
    if (this.version === null || Number(version) > Number(this.version)) {
      this.version = version
      this.local.clear()
      this.front.clear()
    }
  }

  private markUnavailable() {
    this.version = null
    this.local.clear()
    this.front.clear()
  }

  private remember(key: string, entry: CachedResponse) {
    if (this.local.size >= LOCAL_MAX_ENTRIES) {
      this.local.delete(this.local.keys().next().value as string)
    }
    this.local.set(key, entry)
  }
}

let shared: ResponseCache | null | undefined

/** The process's response cache, or null when REDIS_URL is not set (embedded profile). */
export function getResponseCache(): ResponseCache | null {
  if (shared === undefined) {
    const url = process.env.REDIS_URL
    shared = url ? new ResponseCache(url, { ttlSeconds: Number(process.env.KEEL_CACHE_TTL) || 300 }) : null
  }
  return shared
}

/** Events of everything catalog responses show: products, prices, stock, categories, regions. */
export const CATALOG_EVENTS = [
  ProductWorkflowEvents,
  ProductVariantWorkflowEvents,
  ProductCategoryWorkflowEvents,
  ProductCollectionWorkflowEvents,
  ProductTypeWorkflowEvents,
  ProductTagWorkflowEvents,
  ProductOptionWorkflowEvents,
  ProductOptionValueWorkflowEvents,
  InventoryItemWorkflowEvents,
  InventoryLevelWorkflowEvents,
  ReservationItemWorkflowEvents,
  RegionWorkflowEvents,
  SalesChannelWorkflowEvents,
  PricingEvents,
]
  .flatMap((events) => Object.values(events) as string[])
  .concat(
    // Which products a sales channel shows, which channels a publishable key opens, and
    // whether the key is still valid (link and module events: no workflow event covers them).
    "LinkProductSalesChannel.attached",
    "LinkProductSalesChannel.detached",
    "LinkPublishableApiKeySalesChannel.attached",
    "LinkPublishableApiKeySalesChannel.detached",
    "api_key.api-key.updated",
    "api_key.api-key.deleted",
    // @keel/reviews: a product's reviews or rating summary changed (its REVIEWS_CHANGED_EVENT).
    "keel_review.changed"
  )
