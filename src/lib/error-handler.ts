import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { errorHandler } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { multipartError, type ErrorAnswer } from "@keel/core"
// The flash-sale plugin's answer to a refused completion (409 with a code and ids).
import { flashSaleErrorAnswer } from "@keel/flash-sales/api/flash-sale-errors"

const medusaErrorHandler = errorHandler()

/** The plugins' answers to their own refusals, asked in turn before Medusa's handler answers. */
const PLUGIN_ERROR_ANSWERS: { plugin: string; answer: ErrorAnswer }[] = [{ plugin: "@keel/flash-sales", answer: flashSaleErrorAnswer }]

type DecodeError = URIError & { status?: number }
type DatabaseError = { code?: unknown; sqlState?: unknown; cause?: { code?: unknown } }

/** PostgreSQL's data exceptions (SQLSTATE class 22): a value that does not fit the column or comparison it reached. */
const DATA_EXCEPTIONS: Record<string, string> = {
  "22P02": "is not of the type its field takes",
  "22007": "is not a valid date or time",
  "22008": "is a date or time out of range",
  "22003": "is a number out of range",
  "22001": "is too long for its field",
  "22021": "contains a character that cannot be stored",
  "22P05": "contains a character that cannot be stored",
}

function sqlState(err: unknown): string | null {
  const e = err as DatabaseError
  const code = [e?.code, e?.sqlState, e?.cause?.code].find((c) => typeof c === "string" && /^[0-9A-Z]{5}$/.test(c))
  return (code as string | undefined) ?? null
}

/**
 * Errors that come from the client's request, not from Keel, as the 400 they are:
 * - a multipart body multer could not read (on Medusa's own POST /admin/uploads as on Keel's routes);
 * - a path parameter Express could not decode (the input guard refuses those first; this is the net
 *   under it for a route mounted before the guard);
 * - a value PostgreSQL refused as data (class 22: `?created_at=next-week` on a Medusa list route,
 *   `?status=eur` on the orders list). Medusa's validators let some of those through to the query;
 *   the statement failed, so nothing was written. Keel's own routes validate such values first.
 *   The answer names the kind of problem, never the SQL;
 * - an `order` naming no field of the list (`?order=0x10` on Medusa's own list routes): its ORM
 *   refuses it before any query runs.
 */
export function clientError(err: unknown): unknown {
  const multipart = multipartError(err)
  if (multipart) return multipart
  if (err instanceof URIError && (err as DecodeError).status === 400) {
    return new MedusaError(MedusaError.Types.INVALID_DATA, "The path is not valid percent-encoding")
  }
  const order = err instanceof Error ? /^Trying to order by not existing property \w+\.(\S+)$/.exec(err.message) : null
  if (order) {
    return new MedusaError(MedusaError.Types.INVALID_DATA, `Cannot order by ${JSON.stringify(order[1].slice(0, 60))}: the list has no such field`)
  }
  const state = sqlState(err)
  if (state?.startsWith("22")) {
    return new MedusaError(MedusaError.Types.INVALID_DATA, `A value in the request ${DATA_EXCEPTIONS[state] ?? "is not valid for its field"}`)
  }
  return err
}

/**
 * The app's one error handler (Medusa takes one per app; no plugin sets it): client errors become
 * 400s, then each plugin's ErrorAnswer may answer its own refusals, then Medusa's handler answers
 * the rest. A plugin answer that fails is logged and Medusa's handler answers instead.
 */
export async function keelErrorHandler(err: unknown, req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) {
  const answered = clientError(err)
  if (answered !== err && sqlState(err)) {
    // Logged once, so the route whose input reached the database unchecked can be given a validator.
    req.scope?.resolve(ContainerRegistrationKeys.LOGGER).warn(`${req.method} ${req.path}: PostgreSQL refused a value from the request (${sqlState(err)}); answered 400`)
  }
  for (const { plugin, answer } of PLUGIN_ERROR_ANSWERS) {
    let given: Awaited<ReturnType<ErrorAnswer>> = null
    try {
      given = await answer(answered, req)
    } catch (error) {
      req.scope?.resolve(ContainerRegistrationKeys.LOGGER).warn(`${plugin}: answering an error of ${req.method} ${req.path} failed (${(error as Error).message}); Medusa's handler answers it`)
    }
    if (given) {
      res.status(given.status).json(given.body)
      return
    }
  }
  return medusaErrorHandler(answered, req, res, next)
}
