import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "http"
import { getResponseCache } from "./response-cache"

/**
 * The front lane of the catalog response cache: an exact replay, from process memory, of
 * an anonymous catalog answer Medusa's full pipeline produced for an identical request
 * (same URL, publishable key, locale header and Origin) in the current catalog version.
 *
 * It runs in the HTTP server before Express (installed from instrumentation.ts), so a hot
 * read costs no middleware at all. Everything the pipeline decided for that request is in
 * the recorded answer: the publishable key was accepted, CORS headers were computed for
 * that Origin, the query was validated. What could change those decisions bumps the
 * catalog version (see CATALOG_EVENTS: catalog data, sales channels, API keys and their
 * links), which empties this lane on every instance, exactly like the cache behind it.
 *
 * Requests carrying credentials (Authorization or any cookie) never use it: their answer
 * may depend on the customer. Without Redis there is no version to trust, so no lane.
 */

/** Route prefixes whose GET answers are cached (the matchers in src/api/middlewares.ts). */
export const CATALOG_ROUTE_PREFIXES = [
  "/store/products",
  "/store/product-categories",
  "/store/collections",
  "/store/regions",
]

export type FrontEntry = {
  headers: OutgoingHttpHeaders
  body: Buffer
  etag: string
}

// A front-lane answer says so, for operators and tests.
const FRONT_HEADERS = { "x-keel-cache": "hit", "x-keel-cache-lane": "front" }

/** Whether an If-None-Match header names this ETag (the answer is then 304). */
export function etagMatches(ifNoneMatch: string | undefined, etag: string) {
  return !!ifNoneMatch && ifNoneMatch.split(/\s*,\s*/).includes(etag)
}

/** The request's identity for the front lane, or undefined when it may not use it. */
export function frontSignature(req: IncomingMessage): string | undefined {
  const url = req.url
  if (
    req.method !== "GET" ||
    !url ||
    req.headers.authorization !== undefined ||
    req.headers.cookie !== undefined ||
    !CATALOG_ROUTE_PREFIXES.some((prefix) => url.startsWith(prefix))
  ) {
    return undefined
  }
  const { origin = "", "x-publishable-api-key": key = "", "x-medusa-locale": locale = "" } = req.headers
  return `${url}\n${key}\n${locale}\n${origin}`
}

/** Answers the request from the front lane if it holds it; returns whether it did. */
export function serveFromFront(req: IncomingMessage, res: ServerResponse): boolean {
  const signature = frontSignature(req)
  const entry = signature === undefined ? undefined : getResponseCache()?.frontGet(signature)
  if (!entry) {
    return false
  }
  if (etagMatches(req.headers["if-none-match"], entry.etag)) {
    res.writeHead(304, { ...entry.headers, ...FRONT_HEADERS, etag: entry.etag })
    res.end()
    return true
  }
  res.writeHead(200, {
    ...entry.headers,
    ...FRONT_HEADERS,
    etag: entry.etag,
    "content-type": "application/json; charset=utf-8",
    "content-length": entry.body.length,
  })
  res.end(entry.body)
  return true
}

/**
 * Records the answer the pipeline is about to send, for replay. `version` is the catalog
 * version the body was read or computed under; the entry is dropped if it is no longer
 * current.
 */
export function rememberForFront(
  req: IncomingMessage,
  res: ServerResponse,
  body: Buffer,
  etag: string,
  version: string
) {
  const signature = frontSignature(req)
  if (signature === undefined) {
    return
  }
  const headers = { ...res.getHeaders() }
  for (const name of ["x-keel-cache", "etag", "content-length", "content-type", "set-cookie", "date", "connection"]) {
    delete headers[name]
  }
  getResponseCache()?.frontSet(signature, { headers, body, etag }, version)
}

type TraceRequestHandler = (
  handler: () => Promise<void>,
  req: IncomingMessage,
  res: ServerResponse,
  handlerPath?: string
) => Promise<void>

/**
 * Puts the front lane in front of Express in `medusa start`, through the request hook
 * Medusa's start command offers to instrumentation (the one its OpenTelemetry support
 * uses); a hook already set there keeps running for every request the lane does not answer.
 */
export function installFrontCache() {
  if (!process.env.REDIS_URL || process.env.KEEL_FRONT_CACHE === "false") {
    return
  }
  const start = require("@medusajs/medusa/commands/start") as { traceRequestHandler?: TraceRequestHandler }
  const previous = start.traceRequestHandler
  start.traceRequestHandler = async (handler, req, res, handlerPath) => {
    if (serveFromFront(req, res)) {
      return
    }
    return previous ? previous(handler, req, res, handlerPath) : handler()
  }
}
