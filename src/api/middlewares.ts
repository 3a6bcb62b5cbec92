import {
  configureStoreSearch,
  defineMiddlewares,
  validateAndTransformBody,
  validateAndTransformQuery,
} from "@medusajs/framework/http"
import { AdminCreateStopWord, AdminCreateSynonyms, AdminSearchQueriesParams } from "./admin/search/validators"
import { recordStoreSearches, rejectUnusableQueries } from "../lib/search-log"
import { CATALOG_ROUTE_PREFIXES } from "../lib/front-cache"
import { catalogResponseCache, noStore } from "../lib/http-cache"

// Public catalog reads: served from the response cache (with REDIS_URL), with ETag and
// edge-friendly Cache-Control. Wildcard matchers run before Medusa's own route middlewares,
// so a hit skips validation and the query entirely. An identical anonymous request is then
// answered before Express by the front lane (instrumentation.ts, src/lib/front-cache.ts).
// bench/search compares Keel's index with the stock provider's (src/search/product-stock.ts).
const STORE_SEARCH_INDEXES: Record<string, boolean> =
  process.env.KEEL_SEARCH_STOCK_INDEX === "true" ? { product: true, product_stock: true } : { product: true }
const CATALOG_ROUTES = CATALOG_ROUTE_PREFIXES.map((prefix) => `${prefix}*`)

// Personal or authenticated answers: never stored by a browser, proxy or CDN.
const PRIVATE_ROUTES = [
  "/store/carts*",
  "/store/customers*",
  "/store/orders*",
  "/store/payment-collections*",
  "/store/returns*",
  "/auth*",
  "/admin*",
]

export default defineMiddlewares({
  routes: [
    ...CATALOG_ROUTES.map((matcher) => ({
      matcher,
      method: "GET" as const,
      middlewares: [catalogResponseCache],
    })),
    ...PRIVATE_ROUTES.map((matcher) => ({ matcher, middlewares: [noStore] })),
    // Product search (src/search/product.ts), with every search recorded for analytics.
    {
      matcher: "/store/search",
      method: "POST" as const,
      middlewares: [rejectUnusableQueries, configureStoreSearch({ allowed_indexes: STORE_SEARCH_INDEXES }), recordStoreSearches],
    },
    {
      matcher: "/admin/search/queries",
      method: "GET" as const,
      middlewares: [validateAndTransformQuery(AdminSearchQueriesParams, {})],
    },
    { matcher: "/admin/search/synonyms", method: "POST" as const, middlewares: [validateAndTransformBody(AdminCreateSynonyms)] },
    { matcher: "/admin/search/stop-words", method: "POST" as const, middlewares: [validateAndTransformBody(AdminCreateStopWord)] },
  ],
})
