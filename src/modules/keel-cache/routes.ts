import type { CacheDeclaration, CacheableRoute, CacheInvalidationContext } from "@keel/core"
import { cacheTags } from "@keel/core"

/** A cacheable route the request's path matched, with its path parameters. */
export type RouteMatch = { route: CacheableRoute; params: Record<string, string> }

type Compiled = { route: CacheableRoute; pattern: RegExp; names: string[] }

/**
 * The cacheable routes and the invalidations of a set of declarations, composed: a request path
 * is matched exactly against the declared paths (`:name` is one path segment), and an event's
 * tags are those of every invalidation that names it.
 */
export class CacheRoutes {
  private readonly compiled: Compiled[]
  private readonly byEvent = new Map<string, CacheDeclaration["invalidations"]>()

  constructor(readonly declarations: CacheDeclaration[]) {
    this.compiled = declarations.flatMap((declaration) =>
      declaration.routes.map((route) => {
        const names: string[] = []
        const source = route.path
          .split("/")
          .map((segment) => {
            if (!segment.startsWith(":")) return segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
            names.push(segment.slice(1))
            return "([^/]+)"
          })
          .join("/")
        return { route, names, pattern: new RegExp(`^${source}/?$`) }
      })
    )
    for (const declaration of declarations) {
      for (const invalidation of declaration.invalidations) {
        for (const event of invalidation.events) {
          this.byEvent.set(event, [...(this.byEvent.get(event) ?? []), invalidation])
        }
      }
    }
  }

  /** The declared route of this path (no query), if any. */
  match(path: string): RouteMatch | undefined {
    for (const { route, pattern, names } of this.compiled) {
      const found = pattern.exec(path)
      if (!found) continue
      const params: Record<string, string> = {}
      try {
        names.forEach((name, i) => (params[name] = decodeURIComponent(found[i + 1])))
      } catch {
        return undefined // an undecodable segment: Medusa answers it, nothing is cached
      }
      return { route, params }
    }
    return undefined
  }

  /**
   * Express matchers that reach every declared route before Medusa's own middlewares run (they
   * are wildcards, which Medusa orders first): one per `/store/<resource>`.
   */
  get matchers(): string[] {
    const prefixes = this.compiled.map(({ route }) => route.path.split("/").slice(0, 3).join("/"))
    return [...new Set(prefixes)].map((prefix) => `${prefix}*`)
  }

  /** Every event some declaration invalidates on (the subscriber's list). */
  get events(): string[] {
    return [...this.byEvent.keys()]
  }

  /** The tags an event makes obsolete, from every declaration naming it; unknown mapping: everything. */
  async tagsOf(event: string, data: unknown, context: CacheInvalidationContext): Promise<string[]> {
    const tags = new Set<string>()
    for (const invalidation of this.byEvent.get(event) ?? []) {
      for (const tag of await invalidation.tags(data, context)) tags.add(tag)
    }
    return tags.has(cacheTags.all) ? [cacheTags.all] : [...tags]
  }
}
