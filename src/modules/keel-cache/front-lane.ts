import type { IncomingMessage, ServerResponse } from "http"
import type { CacheRoutes } from "./routes"
import type { CatalogCacheStore, FrontEntry, StoredAnswer } from "./store"

/**
 * The front lane of the catalog cache: an exact replay, from process memory, of an anonymous
 * catalog answer Medusa's full pipeline produced for an identical request (same URL,
 * publishable key, locale header and Origin), while no invalidation has named its tags.
 *
 * It runs in the HTTP server before Express (`medusa start`'s request hook, asked for by
 * instrumentation.ts), so a hot read costs no middleware at all. Everything the pipeline decided
 * for that request is in the recorded answer: the publishable key was accepted, CORS headers were
 * computed for that Origin, the query was validated. What could change those decisions (sales
 * channels, API keys and their links) drops every answer (catalog.ts).
 *
 * Requests carrying credentials (Authorization or any cookie) never use it: their answer may
 * depend on the customer. Without Redis there is no invalidation log to trust, so no lane.
 */

// A front-lane answer says so, for operators and tests.
const FRONT_HEADERS = { "x-keel-cache": "hit", "x-keel-cache-lane": "front" }

type Lane = { store: CatalogCacheStore; routes: CacheRoutes }

// The process's lane, set when the cache module loads with the lane on (its options decide).
let lane: Lane | undefined
let requested = false

type TraceRequestHandler = (
  handler: () => Promise<void>,
  req: IncomingMessage,
  res: ServerResponse,
  handlerPath?: string
) => Promise<void>

/** Whether an If-None-Match header names this ETag (the answer is then 304). */
export function etagMatches(ifNoneMatch: string | undefined, etag: string) {
  return !!ifNoneMatch && ifNoneMatch.split(/\s*,\s*/).includes(etag)
}

/** The request's identity for the front lane, or undefined when it may not use it. */
function frontSignature(req: IncomingMessage, routes: CacheRoutes): string | undefined {
  const url = req.url
  if (req.method !== "GET" || !url || req.headers.authorization !== undefined || req.headers.cookie !== undefined) {
    return undefined
  }
  const query = url.indexOf("?")
  if (!routes.match(query < 0 ? url : url.slice(0, query))) return undefined
  const { origin = "", "x-publishable-api-key": key = "", "x-medusa-locale": locale = "" } = req.headers
  return `${url}\n${key}\n${locale}\n${origin}`
}

/** Answers the request from the front lane if it holds it; returns whether it did. */
function serveFromFront(req: IncomingMessage, res: ServerResponse): boolean {
  if (!lane?.store.available) return false
  const signature = frontSignature(req, lane.routes)
  const entry = signature === undefined ? undefined : lane.store.frontGet(signature)
  if (!entry) return false
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

/** Records an anonymous answer the pipeline is about to send, for replay. */
export function rememberForFront(req: IncomingMessage, res: ServerResponse, answer: StoredAnswer) {
  if (!lane) return
  const signature = frontSignature(req, lane.routes)
  if (signature === undefined) return
  const headers: FrontEntry["headers"] = { ...res.getHeaders() }
  for (const name of ["x-keel-cache", "etag", "content-length", "content-type", "set-cookie", "date", "connection"]) {
    delete headers[name]
  }
  lane.store.frontSet(signature, { ...answer, headers })
}

function hook() {
  const start = require("@medusajs/medusa/commands/start") as { traceRequestHandler?: TraceRequestHandler }
  const previous = start.traceRequestHandler
  start.traceRequestHandler = async (handler, req, res, handlerPath) => {
    if (serveFromFront(req, res)) return
    return previous ? previous(handler, req, res, handlerPath) : handler()
  }
}

/**
 * Asks for the front lane in `medusa start` (called from instrumentation.ts, before the server
 * exists). The request hook Medusa's start command offers instrumentation (the one its
 * OpenTelemetry support uses) is set once the cache module has loaded with the lane on; a hook
 * already set there keeps running for every request the lane does not answer.
 */
export function installFrontLane() {
  if (requested) return
  requested = true
  if (lane) hook()
}

/** Called by the cache module as it loads: the lane serves from this store, if the app asked for it. */
export function attachFrontLane(store: CatalogCacheStore, routes: CacheRoutes) {
  const first = !lane
  lane = { store, routes }
  if (first && requested) hook()
}
