import type { CacheDeclaration } from "@keel/core"
import { reviewsCacheDeclaration } from "@keel/reviews/cache"
import { catalogCacheDeclaration } from "./catalog"

/**
 * What this app's catalog cache keeps and what drops it: Medusa's catalog routes (catalog.ts)
 * and the declarations of the installed plugins that have cacheable store answers. A plugin
 * added to medusa-config.ts with a cache declaration is added here; the cache names no plugin
 * route or event anywhere else.
 */
export const CACHE_DECLARATIONS: CacheDeclaration[] = [catalogCacheDeclaration, reviewsCacheDeclaration]
