import { defineMiddlewares } from "@medusajs/framework/http"
import { id, inputGuard, installEarlyInputGuard, validatePathParams } from "@keel/core"
import { CATALOG_ROUTE_PREFIXES } from "../lib/front-cache"
import { catalogResponseCache, noStore } from "../lib/http-cache"
import { keelErrorHandler } from "../lib/error-handler"
import { installUploadHeaders } from "../lib/media/upload-headers"

// Public catalog reads: served from the response cache (with REDIS_URL), with ETag and
// edge-friendly Cache-Control. Wildcard matchers run before Medusa's own route middlewares,
// so a hit skips validation and the query entirely. An identical anonymous request is then
// answered before Express by the front lane (instrumentation.ts, src/lib/front-cache.ts).
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

// Path and query are checked as each request arrives, before Medusa's own early middlewares (the
// store's locale) and its start command's route matching; the guard middleware below answers.
installEarlyInputGuard()
// Uploaded files under /static are served with nosniff and a no-script CSP; non-images as downloads.
installUploadHeaders()

export default defineMiddlewares({
  errorHandler: keelErrorHandler,
  routes: [
    // Every request, Medusa's routes included, before anything reads it: malformed percent-encoding,
    // NUL characters and lone surrogates in the path, query or body are a 400 naming the field
    // (@keel/core's input guard). "/" has no parameter, so Express decodes nothing before it.
    { matcher: "/", middlewares: [inputGuard] },
    ...CATALOG_ROUTES.map((matcher) => ({
      matcher,
      method: "GET" as const,
      middlewares: [catalogResponseCache],
    })),
    ...PRIVATE_ROUTES.map((matcher) => ({ matcher, middlewares: [noStore] })),
    { matcher: "/hooks/payment/:provider", method: "POST" as const, middlewares: [validatePathParams()] },
    // A file id is its storage key (`media/<hash>/<name>.png`), longer than a Medusa id.
    { matcher: "/admin/uploads/:id", method: "DELETE" as const, middlewares: [validatePathParams({ id: id({ max: 512 }) })] },
  ],
})
