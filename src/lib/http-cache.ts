import crypto from "crypto"
import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { etagMatches, rememberForFront } from "./front-cache"
import { ResponseCache, getResponseCache } from "./response-cache"

// Edges may keep an anonymous catalog response briefly; the origin cache is exact.
const EDGE_MAX_AGE = Number(process.env.KEEL_EDGE_MAX_AGE ?? 2)
const EDGE_STALE_WHILE_REVALIDATE = Number(process.env.KEEL_EDGE_SWR ?? 8)
const PUBLIC_CACHE_CONTROL = `public, max-age=0, s-maxage=${EDGE_MAX_AGE}, stale-while-revalidate=${EDGE_STALE_WHILE_REVALIDATE}`
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
 * Serves public catalog GETs from the response cache; on a miss, lets Medusa answer and
 * stores the JSON. The key holds everything that changes the answer: path and sorted
 * query (region, currency, fields, filters), the publishable key's sales channels, the
 * locale and, for a logged-in customer, their customer groups.
 */
export async function catalogResponseCache(
  req: MedusaRequest,
  res: MedusaResponse,
  next: MedusaNextFunction
) {
  const cache = getResponseCache()
  const request = req as AuthenticatedRequest
  const customerId =
    request.auth_context?.actor_type === "customer" ? request.auth_context.actor_id : undefined
  res.vary(VARY.join(", "))
  res.setHeader("Cache-Control", customerId ? PRIVATE_CACHE_CONTROL : PUBLIC_CACHE_CONTROL)
  if (req.method !== "GET") {
    return next()
  }

  let key: string | undefined
  if (cache?.available) {
    try {
      const groups = customerId ? await customerGroupIds(req, customerId) : []
      key = cache.key([
        req.path,
        sortedQuery(req.originalUrl),
        [...(request.publishable_key_context?.sales_channel_ids ?? [])].sort(),
        request.locale ?? null,
        groups,
      ])
      const hit = await cache.get(key)
      if (hit) {
        res.setHeader("x-keel-cache", "hit")
        if (!customerId) {
          rememberForFront(req, res, hit.body, hit.etag, ResponseCache.versionOf(key))
        }
        return send(req, res, hit.body, hit.etag)
      }
    } catch (error) {
      return next(error)
    }
  }
  res.setHeader("x-keel-cache", key ? "miss" : "off")

  const json = res.json.bind(res)
  res.json = (body: unknown) => {
    if (res.statusCode !== 200) {
      res.setHeader("Cache-Control", PRIVATE_CACHE_CONTROL)
      return json(body)
    }
    const bytes = Buffer.from(JSON.stringify(body))
    const etag = `W/"${crypto.createHash("sha1").update(bytes).digest("base64url")}"`
    if (key) {
      cache!.set(key, { body: bytes, etag })
      if (!customerId) {
        rememberForFront(req, res, bytes, etag, ResponseCache.versionOf(key))
      }
    }
    return send(req, res, bytes, etag)
  }
  next()
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
