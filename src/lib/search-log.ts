import crypto from "crypto"
import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError, Modules } from "@medusajs/framework/utils"
import { searchWords } from "../modules/search-keel-postgres/service"
import type { SearchQueryRecord } from "../workflows/search/steps/record-search-queries"

export const SEARCH_PERFORMED_EVENT = "keel.search.performed"
/** Header a storefront may send with its own anonymous visitor id (hashed before storage). */
export const SESSION_HEADER = "x-keel-session-id"

type SearchBody = { entity: string; filters?: { q?: string }; pagination?: { take?: number } }
type SearchReply = { results?: { metadata?: { count?: number | null }; hits?: unknown[]; provider_metadata?: { corrected_query?: string | null } }[] }

/**
 * Records every store search that asked for hits and had a text query: the normalised
 * query, the number of hits, the locale and an anonymous session id. Written after the
 * answer, through an event, so a search never waits for its own logging.
 */
export function recordStoreSearches(req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) {
  const json = res.json.bind(res)
  res.json = (body: SearchReply) => {
    if (res.statusCode === 200) {
      const records = toRecords(req, body)
      if (records.length) {
        req.scope
          .resolve(Modules.EVENT_BUS)
          .emit({ name: SEARCH_PERFORMED_EVENT, data: { records } })
          .catch(() => undefined)
      }
    }
    return json(body)
  }
  next()
}

/** The queries of a store search request: one, or a batch under `queries`. */
function searchQueries(req: MedusaRequest): SearchBody[] {
  const validated = req.validatedBody as SearchBody | { queries: SearchBody[] }
  return "queries" in validated ? validated.queries : [validated]
}

function toRecords(req: MedusaRequest, body: SearchReply): SearchQueryRecord[] {
  const queries = searchQueries(req)
  const session = req.get(SESSION_HEADER)
  const sessionId = session ? crypto.createHash("sha256").update(session).digest("hex").slice(0, 32) : null
  const locale = (req as MedusaRequest & { locale?: string }).locale ?? null
  return queries.flatMap((query, i) => {
    const text = searchWords(query.filters?.q ?? "").join(" ")
    const result = body.results?.[i]
    if (!text || query.pagination?.take === 0 || !result) {
      return []
    }
    return [
      {
        query: text,
        index_name: query.entity,
        hit_count: result.metadata?.count ?? result.hits?.length ?? 0,
        corrected_query: result.provider_metadata?.corrected_query ?? null,
        locale,
        session_id: sessionId,
      },
    ]
  })
}

const MAX_QUERY_LENGTH = 256

/**
 * Store search input Medusa's validator lets through but a search cannot serve: a text
 * query that is blank or longer than MAX_QUERY_LENGTH characters (400).
 */
export function rejectUnusableQueries(req: MedusaRequest, _res: MedusaResponse, next: MedusaNextFunction) {
  for (const query of searchQueries(req)) {
    const q = query.filters?.q
    if (typeof q === "string" && (!q.trim() || q.length > MAX_QUERY_LENGTH)) {
      return next(
        new MedusaError(
          MedusaError.Types.INVALID_DATA,
          q.trim()
            ? `A search query can be at most ${MAX_QUERY_LENGTH} characters long`
            : "A search query cannot be empty; leave out filters.q to browse"
        )
      )
    }
  }
  next()
}
