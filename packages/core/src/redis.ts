import Redis from "ioredis"

export type Logger = { warn(message: string): void; info(message: string): void }

const clients = new Map<string, Redis>()

/**
 * One Redis connection per URL and process for Keel's budgets, whichever plugin asks. Commands
 * fail at once while Redis is unreachable (no offline queue): a budget then counts in memory. An
 * outage is logged once when it starts and once when Redis answers again.
 */
export function sharedRedis(url: string, logger: Logger = console): Redis {
  let client = clients.get(url)
  if (!client) {
    client = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1 })
    let down = false
    client.on("error", (error: Error) => {
      if (!down) logger.warn(`Keel budgets: Redis at ${redactedUrl(url)} is unreachable (${error.message}); budgets count per process until it answers`)
      down = true
    })
    client.on("ready", () => {
      if (down) logger.info(`Keel budgets: Redis at ${redactedUrl(url)} answers again`)
      down = false
    })
    clients.set(url, client)
  }
  return client
}

function redactedUrl(url: string) {
  return url.replace(/\/\/[^@/]*@/, "//…@")
}
