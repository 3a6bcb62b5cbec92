import Redis from "ioredis"

export type Logger = { warn(message: string): void; info(message: string): void }

// Kept on the process, not on this module: an app and its plugins may load @keel/core from
// different paths (a symlinked workspace, a nested node_modules) and must still share a client.
const REGISTRY = Symbol.for("@keel/core:shared-redis")
const clients: Map<string, Redis> = ((globalThis as Record<symbol, unknown>)[REGISTRY] as Map<string, Redis> | undefined) ??
  ((globalThis as Record<symbol, unknown>)[REGISTRY] = new Map<string, Redis>())

/**
 * One Redis connection per URL and process for Keel's own uses (the plugins' budgets, the flash-sale
 * claims, the app's catalog cache), whoever asks first. Commands fail at once while Redis is
 * unreachable (no offline queue): each user then falls back (a budget counts in memory, the catalog
 * cache is bypassed, a flash-sale claim waits up to 2 s for the connection, then fails). An
 * outage is logged once when it starts and once when Redis answers again; reconnection is retried
 * every 200 ms to 2 s.
 */
export function sharedRedis(url: string, logger: Logger = console): Redis {
  let client = clients.get(url)
  if (!client) {
    client = new Redis(url, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: 1000,
      retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
    })
    let down = false
    client.on("error", (error: Error) => {
      if (!down) {
        logger.warn(
          `Keel: Redis at ${redactedUrl(url)} is unreachable (${error.message}); until it answers, budgets count per process, the catalog cache is bypassed and flash-sale claims fail after a 2 s wait`
        )
      }
      down = true
    })
    client.on("ready", () => {
      if (down) logger.info(`Keel: Redis at ${redactedUrl(url)} answers again`)
      down = false
    })
    clients.set(url, client)
  }
  return client
}

/** The URL without its password, for logs. */
export function redactedUrl(url: string) {
  return url.replace(/\/\/[^@/]*@/, "//…@")
}
