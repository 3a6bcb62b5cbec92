import { defineMiddlewares } from "@medusajs/framework/http"
import { id, inputGuard, installEarlyInputGuard, validatePathParams } from "@keel/core"
import { catalogCacheRoutes, noStore } from "../modules/keel-cache"
import { keelErrorHandler } from "../lib/error-handler"
import { installUploadHeaders } from "../lib/media/upload-headers"

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
    // Public catalog reads (Medusa's and the plugins' declared routes): served from the response
    // cache (with REDIS_URL), with ETag and edge-friendly Cache-Control; a hit skips validation and
    // the query. An identical anonymous request is then answered before Express by the front lane
    // (instrumentation.ts). See src/modules/keel-cache.
    ...catalogCacheRoutes(),
    ...PRIVATE_ROUTES.map((matcher) => ({ matcher, middlewares: [noStore] })),
    { matcher: "/hooks/payment/:provider", method: "POST" as const, middlewares: [validatePathParams()] },
    // A file id is its storage key (`media/<hash>/<name>.png`), longer than a Medusa id.
    { matcher: "/admin/uploads/:id", method: "DELETE" as const, middlewares: [validatePathParams({ id: id({ max: 512 }) })] },
  ],
})
