/**
 * The contract between an app's catalog response cache and the plugins whose store answers it
 * may keep. A plugin does not know the app's cache; it declares, as data:
 * - which of its GET store routes may be cached, and the tags of what each answer shows;
 * - which of its events make which tags obsolete.
 * The app composes the declarations of the plugins it installs. A cached answer is dropped when
 * an event names one of its tags.
 *
 * Tags are short strings: `product:<id>` is shared by everyone (use `cacheTags.product`), a
 * plugin's own tags carry a prefix of its own (`review-target:<product id>`).
 */

/** What a cached answer's tags may be derived from: the route's path parameters and query, and the JSON answer. */
export type CachedAnswer = {
  params: Record<string, string>
  query: URLSearchParams
  body: unknown
}

export type CacheableRoute = {
  /** An Express-style store path with `:name` parameters, e.g. `/store/products/:id/reviews`. */
  path: string
  /** The tags of what the answer shows. */
  tags: (answer: CachedAnswer) => string[]
}

/** Resolves what an invalidation needs from the app's container (e.g. `query` to map a variant to its product). */
export type CacheInvalidationContext = { resolve<T = unknown>(key: string): T }

export type CacheInvalidation = {
  /** Event names, as emitted on Medusa's event bus. */
  events: string[]
  /**
   * The tags the event makes obsolete, from its data. Return `[cacheTags.all]` when the event
   * cannot be mapped to precise tags: the whole catalog is then dropped, which is always safe.
   */
  tags: (data: unknown, context: CacheInvalidationContext) => string[] | Promise<string[]>
}

export type CacheDeclaration = {
  /** Who declares (appears in logs). */
  name: string
  routes: CacheableRoute[]
  invalidations: CacheInvalidation[]
}

/** Tags every declaration may use. */
export const cacheTags = {
  /** Drops every cached answer (an event that cannot be mapped). */
  all: "*",
  /** An answer that shows this product (its page, a review summary naming it). */
  product: (id: string) => `product:${id}`,
}
