import diagnostics from "node:diagnostics_channel"
import type { IncomingMessage } from "node:http"
import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { quoted, unstorableJson, unstorableText } from "./text"

/**
 * The input guard: one middleware in front of every route (Medusa's own included) that refuses,
 * with a 400 naming the field, a request whose path, query string or JSON body holds what no
 * handler can use:
 * - malformed percent-encoding (`%E0%A4%A`, `%zz`, an encoded lone surrogate), which would make
 *   Express throw a URIError while decoding a path parameter;
 * - a NUL character (PostgreSQL text cannot hold one: the query would fail with a 500);
 * - a lone UTF-16 surrogate (not Unicode text: PostgreSQL and JSON encoders refuse it);
 * - a query parameter name nested more than two levels with dots (`a.b.c`): Medusa's query
 *   validation throws a server error (invalid_argument, a 500) for those;
 * - a multipart body without a boundary (the parser would throw).
 *
 * Register it first, for every path, in the app's `src/api/middlewares.ts`:
 * `{ matcher: "/", middlewares: [inputGuard] }` (a matcher without parameters, so Express has
 * nothing to decode before the guard has looked at the path), and call `installEarlyInputGuard()`
 * there once: Medusa runs some of its own middlewares before any the app registers (the store's
 * locale, which hangs on `?locale[]=x`) and its start command matches routes before Express when
 * instrumentation is installed (which leaves a request with a malformed path unanswered). The early
 * guard looks at the path and query as the request arrives, through Node's `http.server.request.start`
 * diagnostics channel, and sends a refused request to a path no middleware reads, where the guard
 * middleware answers the 400.
 */

export type UnsafeInput = { field: string; problem: string }

function decoded(raw: string): string | null {
  try {
    return decodeURIComponent(raw)
  } catch {
    return null
  }
}

function checkPath(path: string): UnsafeInput | null {
  for (const segment of path.split("/")) {
    if (!segment) continue
    const value = decoded(segment)
    if (value === null) {
      return { field: `path segment ${quoted(segment)}`, problem: "is not valid percent-encoding" }
    }
    const problem = unstorableText(value)
    if (problem) return { field: `path segment ${quoted(segment)}`, problem }
  }
  return null
}

/** Query parameters Medusa reads before any app middleware runs, which must be one plain value. */
const READ_BEFORE_ROUTES = ["locale"]

function checkQuery(query: string): UnsafeInput | null {
  const seen = new Set<string>()
  for (const pair of query.split("&")) {
    if (!pair) continue
    const equals = pair.indexOf("=")
    const rawName = equals === -1 ? pair : pair.slice(0, equals)
    const rawValue = equals === -1 ? "" : pair.slice(equals + 1)
    const name = decoded(rawName.replace(/\+/g, " "))
    if (name === null) {
      return { field: `query parameter ${quoted(rawName)}`, problem: "is not valid percent-encoding" }
    }
    const nameProblem = unstorableText(name)
    if (nameProblem) return { field: `query parameter name ${quoted(name)}`, problem: nameProblem }
    if (name.split(".").length > 2) {
      return { field: `query parameter ${quoted(name)}`, problem: "nests more than two levels (a.b is the deepest a query accepts)" }
    }
    const base = name.replace(/\[.*$/, "")
    if (READ_BEFORE_ROUTES.includes(base) && (base !== name || seen.has(base))) {
      return { field: `query parameter ${quoted(base)}`, problem: "must be given once, as a plain value" }
    }
    seen.add(base)
    const value = decoded(rawValue.replace(/\+/g, " "))
    if (value === null) {
      return { field: `query parameter ${quoted(name)}`, problem: "is not valid percent-encoding" }
    }
    const problem = unstorableText(value)
    if (problem) return { field: `query parameter ${quoted(name)}`, problem }
  }
  return null
}

function checkBody(body: unknown): UnsafeInput | null {
  const found = body === undefined ? null : unstorableJson(body)
  if (!found) return null
  return { field: found.path ? `body field ${quoted(found.path)}` : "body", problem: found.problem }
}

function checkMultipart(contentType: string | undefined): UnsafeInput | null {
  if (!contentType || !/^\s*multipart\//i.test(contentType)) return null
  const boundary = /;\s*boundary=("?)([^";]+)\1/i.exec(contentType)
  return boundary ? null : { field: "multipart body", problem: "has no boundary in its Content-Type header" }
}

/** What makes this request line (path and query string) unusable, or null. */
export function findUnsafeRequestLine(url: string): UnsafeInput | null {
  const mark = url.indexOf("?")
  const path = mark === -1 ? url : url.slice(0, mark)
  const query = mark === -1 ? "" : url.slice(mark + 1)
  return checkPath(path) ?? checkQuery(query)
}

/** What makes this request unusable, or null when the guard lets it through. */
export function findUnsafeInput(req: Pick<MedusaRequest, "originalUrl" | "url" | "body" | "headers">): UnsafeInput | null {
  return findUnsafeRequestLine(req.originalUrl ?? req.url ?? "") ?? checkMultipart(req.headers?.["content-type"]) ?? checkBody(req.body)
}

const messageFor = (unsafe: UnsafeInput) => `The ${unsafe.field} ${unsafe.problem}`

/** Where the early guard sends a request it refused: no route or middleware but the guard reads it. */
export const REFUSED_REQUEST_PATH = "/keel-input-guard/refused"
const REFUSAL = Symbol.for("keel.inputGuard.refusal")
type Refusable = IncomingMessage & { [REFUSAL]?: string }
let earlyGuardInstalled = false

/** Installs the early guard (see the top of this file) for every HTTP server of this process, once. */
export function installEarlyInputGuard() {
  if (earlyGuardInstalled) return
  earlyGuardInstalled = true
  diagnostics.subscribe("http.server.request.start", (message) => {
    const request = (message as { request: Refusable }).request
    const unsafe = findUnsafeRequestLine(request.url ?? "")
    if (unsafe) {
      request[REFUSAL] = messageFor(unsafe)
      request.url = REFUSED_REQUEST_PATH
    }
  })
}

/** The guard middleware (see the top of this file). */
export function inputGuard(req: MedusaRequest, _res: MedusaResponse, next: MedusaNextFunction) {
  const refused = (req as unknown as Refusable)[REFUSAL]
  const unsafe = refused ? null : findUnsafeInput(req)
  if (refused || unsafe) {
    return next(new MedusaError(MedusaError.Types.INVALID_DATA, refused ?? messageFor(unsafe!)))
  }
  next()
}
