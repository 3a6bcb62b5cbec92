import crypto from "crypto"
import os from "os"
import type Redis from "ioredis"
import { cacheTags, redactedUrl, type Logger } from "@keel/core"

/**
 * Storage of the catalog cache: whole JSON answers in Redis (shared by every instance) with
 * small in-process layers in front, and the invalidation log every instance follows.
 *
 * Each answer records the tags of what it shows and the log position (`seq`) it was computed
 * at. An invalidation appends `<seq> <tags>` to a capped list in Redis, the sequence INCR'd in
 * the same script. Every instance polls the sequence every 200 ms on the one shared connection
 * (no pub/sub subscriber, which would be a second connection) and applies what it missed: an
 * answer is current when no invalidation after its `seq` names one of its tags. When an
 * instance cannot read every entry since its last position (it was away longer than the log
 * holds, or Redis lost the log), it drops everything it knows. While Redis cannot be reached the
 * cache is bypassed (changes made meanwhile could not be heard); when it answers again, a
 * whole-catalog invalidation is written, for every instance.
 */

/** An answer as stored: bytes (a hit is written without re-encoding), its ETag, tags and log position. */
export type StoredAnswer = { body: Buffer; etag: string; seq: number; tags: string[] }

/** A front-lane replay: the answer's headers as the pipeline wrote them. */
export type FrontEntry = StoredAnswer & { headers: Record<string, string | number | string[] | undefined> }

const SEQ_KEY = "keel:catalog-cache:seq"
const LOG_KEY = "keel:catalog-cache:log"
const ENTRY_PREFIX = "keel:catalog-cache:entry:"
const LOG_LENGTH = 1000
const POLL_MS = 200
const LOCAL_MAX_ENTRIES = 2000
// Tags invalidated since the last whole-catalog drop; past this many, a drop resets the table.
const TAG_TABLE_MAX = 50_000

// Appends one invalidation and returns its position, atomically.
const APPEND = `local seq = redis.call('INCR', KEYS[1])
redis.call('LPUSH', KEYS[2], seq .. ' ' .. ARGV[1])
redis.call('LTRIM', KEYS[2], 0, ${LOG_LENGTH - 1})
return seq`
// The position, and the entries after ARGV[1] (newest first), or only the position when they are not all kept.
const READ_SINCE = `local seq = tonumber(redis.call('GET', KEYS[1]) or '0')
local missed = seq - tonumber(ARGV[1])
if missed <= 0 or missed > ${LOG_LENGTH} then return {seq} end
local entries = redis.call('LRANGE', KEYS[2], 0, missed - 1)
table.insert(entries, 1, seq)
return entries`

/** An insertion-ordered map of bounded size, with the keys of each tag, so a tag's entries drop at once. */
class TaggedMap<V extends { tags: string[] }> {
  private readonly entries = new Map<string, V>()
  private readonly byTag = new Map<string, Set<string>>()

  get(key: string) {
    return this.entries.get(key)
  }

  set(key: string, value: V) {
    this.delete(key)
    if (this.entries.size >= LOCAL_MAX_ENTRIES) this.delete(this.entries.keys().next().value as string)
    this.entries.set(key, value)
    for (const tag of value.tags) {
      let keys = this.byTag.get(tag)
      if (!keys) this.byTag.set(tag, (keys = new Set()))
      keys.add(key)
    }
  }

  delete(key: string) {
    const value = this.entries.get(key)
    if (!value) return
    this.entries.delete(key)
    for (const tag of value.tags) {
      const keys = this.byTag.get(tag)
      keys?.delete(key)
      if (keys?.size === 0) this.byTag.delete(tag)
    }
  }

  dropTags(tags: string[]) {
    for (const tag of tags) for (const key of [...(this.byTag.get(tag) ?? [])]) this.delete(key)
  }

  clear() {
    this.entries.clear()
    this.byTag.clear()
  }
}

export class CatalogCacheStore {
  private readonly local = new TaggedMap<StoredAnswer>()
  private readonly front = new TaggedMap<FrontEntry>()
  // Log position applied here; null while Redis is unreachable (nothing is trusted then).
  private applied: number | null = null
  // Answers computed before this position are obsolete (the last whole-catalog drop).
  private floor = 0
  // Per tag, the position of its latest invalidation after `floor`.
  private readonly invalidatedAt = new Map<string, number>()
  private polling = false
  private failing: string | null = null
  private readonly timer: NodeJS.Timeout
  private readonly instance = `${os.hostname()}:${process.pid}`

  constructor(
    private readonly redis: Redis,
    private readonly options: { url: string; ttlSeconds: number; logger: Logger }
  ) {
    // A dropped connection may be a restarted Redis that lost the log: forget everything.
    redis.on("close", () => this.markUnavailable())
    redis.on("ready", () => void this.poll())
    this.timer = setInterval(() => void this.poll(), POLL_MS)
    this.timer.unref()
    if (redis.status === "ready") void this.poll()
  }

  /** True while answers can be trusted: Redis answers and this instance follows the log. */
  get available() {
    return this.applied !== null
  }

  /** The log position a computation starting now is current at, or undefined without Redis. */
  position(): number | undefined {
    return this.applied ?? undefined
  }

  key(parts: unknown[]) {
    return crypto.createHash("sha1").update(JSON.stringify(parts)).digest("base64url")
  }

  /** Whether an answer computed at `seq` showing `tags` is still current here. */
  isCurrent(seq: number, tags: string[]) {
    if (this.applied === null || seq < this.floor) return false
    return tags.every((tag) => (this.invalidatedAt.get(tag) ?? -1) <= seq)
  }

  async get(key: string): Promise<StoredAnswer | undefined> {
    if (!this.available) return undefined
    const local = this.local.get(key)
    if (local) return local
    let stored: Buffer | null
    try {
      stored = await this.redis.getBuffer(ENTRY_PREFIX + key)
    } catch (error) {
      this.failed("reading a cached answer", error)
      return undefined
    }
    if (!stored) return undefined
    // Stored as "<etag>\n<seq>\n<tags>\n<body>".
    const first = stored.indexOf(10)
    const second = stored.indexOf(10, first + 1)
    const third = stored.indexOf(10, second + 1)
    if (first < 0 || second < 0 || third < 0) return undefined
    const answer: StoredAnswer = {
      etag: stored.subarray(0, first).toString(),
      seq: Number(stored.subarray(first + 1, second).toString()),
      tags: stored.subarray(second + 1, third).toString().split(" ").filter(Boolean),
      body: stored.subarray(third + 1),
    }
    if (!this.isCurrent(answer.seq, answer.tags)) return undefined
    this.local.set(key, answer)
    return answer
  }

  /** Keeps an answer, unless an invalidation of one of its tags came after it was computed. */
  set(key: string, answer: StoredAnswer) {
    if (!this.isCurrent(answer.seq, answer.tags)) return
    this.local.set(key, answer)
    const header = Buffer.from(`${answer.etag}\n${answer.seq}\n${answer.tags.join(" ")}\n`)
    this.redis
      .set(ENTRY_PREFIX + key, Buffer.concat([header, answer.body]), "EX", this.options.ttlSeconds)
      .catch((error) => this.failed("storing a cached answer", error))
  }

  frontGet(signature: string): FrontEntry | undefined {
    return this.available ? this.front.get(signature) : undefined
  }

  frontSet(signature: string, entry: FrontEntry) {
    if (this.isCurrent(entry.seq, entry.tags)) this.front.set(signature, entry)
  }

  /** Makes the answers showing any of `tags` obsolete on every instance (`cacheTags.all`: every answer). */
  async invalidate(tags: string[]) {
    if (tags.length === 0) return
    try {
      await this.redis.eval(APPEND, 2, SEQ_KEY, LOG_KEY, tags.join(" "))
    } catch (error) {
      // Unheard by the other instances: they drop everything when Redis answers again.
      this.failed(`writing an invalidation (${tags.slice(0, 5).join(" ")}${tags.length > 5 ? " …" : ""})`, error)
      this.markUnavailable()
      return
    }
    await this.poll()
  }

  stop() {
    clearInterval(this.timer)
  }

  /** Applies the invalidations written since the last poll (see the header). */
  async poll() {
    if (this.polling) return
    this.polling = true
    try {
      const wasUnavailable = this.applied === null
      const since = this.applied ?? 0
      const reply = (await this.redis.eval(READ_SINCE, 2, SEQ_KEY, LOG_KEY, String(since))) as [number, ...string[]]
      const [seq, ...entries] = reply
      this.recovered()
      if (wasUnavailable) {
        this.dropAll(seq)
        this.applied = seq
        if (seq > 0) {
          // Starting, or back after an outage: changes may have gone unheard, by anyone.
          this.polling = false
          return await this.invalidate([cacheTags.all])
        }
        return
      }
      if (seq < since || (seq > since && entries.length !== seq - since)) {
        // Redis lost the log (restarted), or it no longer holds all we missed.
        this.dropAll(seq)
      } else {
        for (const entry of entries.reverse()) {
          const [at, ...tags] = entry.split(" ")
          this.apply(Number(at), tags)
        }
      }
      this.applied = seq
    } catch (error) {
      this.failed("following the invalidation log", error)
      this.markUnavailable()
    } finally {
      this.polling = false
    }
  }

  private apply(seq: number, tags: string[]) {
    if (tags.includes(cacheTags.all) || this.invalidatedAt.size > TAG_TABLE_MAX) {
      this.dropAll(seq)
      return
    }
    for (const tag of tags) this.invalidatedAt.set(tag, seq)
    this.local.dropTags(tags)
    this.front.dropTags(tags)
  }

  private dropAll(seq: number) {
    this.floor = seq
    this.invalidatedAt.clear()
    this.local.clear()
    this.front.clear()
  }

  private markUnavailable() {
    this.applied = null
    this.dropAll(0)
  }

  // Each outage is logged once, with what failed first; its end once.
  private failed(operation: string, error: unknown) {
    if (this.failing) return
    this.failing = operation
    this.options.logger.warn(
      `Keel catalog cache on ${this.instance}: ${operation} failed on Redis at ${redactedUrl(this.options.url)} (${(error as Error).message}); catalog reads bypass the cache until Redis answers`
    )
  }

  private recovered() {
    if (!this.failing) return
    this.options.logger.info(`Keel catalog cache on ${this.instance}: Redis answers again, caching resumes (after ${this.failing} failed)`)
    this.failing = null
  }
}
