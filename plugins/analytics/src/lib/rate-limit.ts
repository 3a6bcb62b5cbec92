import Redis from "ioredis"
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible"

let limiter: RateLimiterAbstract | undefined
let limiterPoints = 0

/**
 * The ingest route's limiter: batches per session per minute, shared by every server process
 * through Redis when REDIS_URL is set, else counted in this process.
 */
function limiterFor(points: number): RateLimiterAbstract {
  if (limiter && limiterPoints === points) return limiter
  limiterPoints = points
  const options = { keyPrefix: "keel_analytics_ingest", points, duration: 60 }
  limiter = process.env.REDIS_URL
    ? new RateLimiterRedis({ ...options, storeClient: new Redis(process.env.REDIS_URL, { enableOfflineQueue: false, lazyConnect: false }), insuranceLimiter: new RateLimiterMemory(options) })
    : new RateLimiterMemory(options)
  return limiter
}

/** Takes one batch from the session's allowance; when it is spent, how many seconds to wait. */
export async function takeBatch(key: string, perMinute: number): Promise<{ ok: true } | { ok: false; retryAfter: number }> {
  try {
    await limiterFor(perMinute).consume(key, 1)
    return { ok: true }
  } catch (error) {
    if (error instanceof RateLimiterRes) {
      return { ok: false, retryAfter: Math.max(1, Math.ceil(error.msBeforeNext / 1000)) }
    }
    throw error
  }
}
