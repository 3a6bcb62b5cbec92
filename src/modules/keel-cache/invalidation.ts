import { cacheTags, type CacheInvalidationContext, type Logger } from "@keel/core"
import type { CacheRoutes } from "./routes"
import type { CatalogCacheStore } from "./store"

// Events arriving together (a product saved with its variants and prices) share one log entry.
const COALESCE_MS = 100
// Medusa's own query cache is invalidated by the same events, concurrently. An answer
// recomputed in between could be built from its stale data, so each invalidation is written
// a second time once that has certainly run.
const SECOND_PASS_MS = 1000

/**
 * Turns catalog events into invalidations of the tags the declarations map them to, and writes
 * them to the store's log (read by every instance). Runs where subscribers run (workers and
 * shared instances).
 */
export class CatalogInvalidator {
  private pending = new Set<string>()
  private scheduled = false

  constructor(
    private readonly store: CatalogCacheStore,
    private readonly routes: CacheRoutes,
    private readonly logger: Logger
  ) {}

  /** Invalidates what `event` names. Returns once its tags are known; the write itself is batched. */
  async handle(event: string, data: unknown, context: CacheInvalidationContext) {
    let tags: string[]
    try {
      tags = await this.routes.tagsOf(event, data, context)
    } catch (error) {
      // Its tags could not be worked out (a lookup failed): the whole catalog is the safe answer.
      this.logger.warn(`Keel catalog cache: mapping ${event} to cache tags failed (${(error as Error).message}); dropping every cached answer`)
      tags = [cacheTags.all]
    }
    this.add(tags)
  }

  add(tags: string[]) {
    for (const tag of tags) this.pending.add(tag)
    if (this.scheduled || this.pending.size === 0) return
    this.scheduled = true
    setTimeout(async () => {
      const batch = this.pending.has(cacheTags.all) ? [cacheTags.all] : [...this.pending]
      this.pending = new Set()
      this.scheduled = false
      await this.store.invalidate(batch)
      setTimeout(() => void this.store.invalidate(batch), SECOND_PASS_MS).unref()
    }, COALESCE_MS).unref()
  }
}
