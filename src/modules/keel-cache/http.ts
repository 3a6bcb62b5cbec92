import crypto from "crypto"
import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { sendJsonWith } from "@keel/core"
import { etagMatches, rememberForFront } from "./front-lane"
import type { RouteMatch } from "./routes"
import KeelCacheService, { KEEL_CACHE_MODULE, cacheRoutes } from "./service"
import type { StoredAnswer } from "./store"

const PRIVATE_CACHE_CONTROL = "private, no-store"
// Everything the cache key varies on that arrives in a header (added to what CORS put there).
const VARY = ["Accept-Encoding", "x-publishable-api-key", "x-medusa-locale", "Authorization", "Cookie"]

type AuthenticatedRequest = MedusaRequest & {
  auth_context?: { actor_id?: string; actor_type?: string }
  publishable_key_context?: { sales_channel_ids?: string[] }
  locale?: string
}

/** Carts, customers, orders, auth and admin answers are never stored by anyone. */
export function noStore(_req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) {
  res.setHeader("Cache-Control", PRIVATE_CACHE_CONTROL)
  next()
}

/**
 * Serves the declared catalog GETs from the response cache; on a miss, lets the route answer
 * and, as the one sender of its JSON (@keel/core's sendJsonWith), stores it with the tags of what
 * it shows. The key holds everything that changes the answer: path and sorted query (region,
 * currency, fields, filters), the publishable key's sales channels, the locale and, for a
 * logged-in customer, their customer groups. Other paths under the matchers pass untouched.
 */
async function catalogResponseCache(req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) {
  const match = cacheRoutes.match(req.path)
  if (!match) return next()
  const cache = req.scope.resolve<KeelCacheService>(KEEL_CACHE_MODULE)
  const store = cache.store
  const request = req as AuthenticatedRequest
  const customerId = request.auth_context?.actor_type === "customer" ? request.auth_context.actor_id : undefined
  res.vary(VARY.join(", "))
  res.setHeader(
    "Cache-Control",
    customerId
      ? PRIVATE_CACHE_CONTROL
      : `public, max-age=0, s-maxage=${cache.edge.maxAge}, stale-while-revalidate=${cache.edge.staleWhileRevalidate}`
  )

  let key: string | undefined
  // The log position this answer is computed at (before anything is read).
  const seq = store?.position()
  if (store && seq !== undefined) {
    try {
      const groups = customerId ? await customerGroupIds(req, customerId) : []
      key = store.key([
        req.path,
        sortedQuery(req.originalUrl),
        [...(request.publishable_key_context?.sales_channel_ids ?? [])].sort(),
        request.locale ?? null,
        groups,
      ])
      const hit = await store.get(key)
      if (hit) {
        res.setHeader("x-keel-cache", "hit")
        if (!customerId) rememberForFront(req, res, hit)
        return send(req, res, hit.body, hit.etag)
      }
    } catch (error) {
      return next(error)
    }
  }
  res.setHeader("x-keel-cache", key ? "miss" : "off")

  sendJsonWith(res, "keel catalog cache", (body, res) => {
    if (res.statusCode !== 200) {
      res.setHeader("Cache-Control", PRIVATE_CACHE_CONTROL)
      return res.json(body)
    }
    const bytes = Buffer.from(JSON.stringify(body))
    const etag = `W/"${crypto.createHash("sha1").update(bytes).digest("base64url")}"`
    if (store && key && seq !== undefined) {
      const tags = tagsOf(req, match, body)
      if (tags) {
        const answer: StoredAnswer = { body: bytes, etag, seq, tags }
        store.set(key, answer)
        if (!customerId) rememberForFront(req, res, answer)
      }
    }
    return send(req, res, bytes, etag)
  })
  next()
}

/** The tags of what the answer shows, from its route's declaration; undefined (not cached) if they cannot be told. */
function tagsOf(req: MedusaRequest, match: RouteMatch, body: unknown): string[] | undefined {
  try {
    return [...new Set(match.route.tags({ params: match.params, query: new URL(req.originalUrl, "http://keel.local").searchParams, body }))]
  } catch (error) {
    req.scope
      .resolve<{ warn(message: string): void }>(ContainerRegistrationKeys.LOGGER)
      .warn(`Keel catalog cache: the tags of ${req.path} could not be derived (${(error as Error).message}); the answer is not cached`)
    return undefined
  }
}

function send(req: MedusaRequest, res: MedusaResponse, body: Buffer, etag: string) {
  res.setHeader("ETag", etag)
  if (etagMatches(req.get("if-none-match"), etag)) {
    res.status(304).end()
    return res
  }
  res.setHeader("Content-Type", "application/json; charset=utf-8")
  res.send(body)
  return res
}

function sortedQuery(url: string) {
  const params = new URL(url, "http://keel.local").searchParams
  params.delete("locale") // carried by req.locale, as Medusa resolves it
  return [...params.entries()].sort(([a, av], [b, bv]) => (a === b ? av.localeCompare(bv) : a.localeCompare(b)))
}

async function customerGroupIds(req: MedusaRequest, customerId: string) {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "customer",
    fields: ["groups.id"],
    filters: { id: customerId },
  })
  return (data[0]?.groups ?? []).map((group) => group!.id).sort()
}

/**
 * The middleware routes of the cache, for defineMiddlewares: wildcard GET matchers (which Medusa
 * runs before its own route middlewares, so a hit skips validation and the query entirely)
 * covering every declared route.
 */
export function catalogCacheRoutes() {
  return cacheRoutes.matchers.map((matcher) => ({
    matcher,
    method: "GET" as const,
    middlewares: [catalogResponseCache],
  }))
}
