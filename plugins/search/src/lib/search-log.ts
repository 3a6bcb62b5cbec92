import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError, Modules } from "@medusajs/framework/utils"
// The storefront's session header and its stored hash, one contract with @keel/analytics.
import { observeJson, SEARCH_PERFORMED_EVENT, SESSION_HEADER, sessionKey } from "@keel/core"
import { searchWords } from "../providers/keel-postgres/service"
import type { SearchQueryRecord } from "../workflows/steps/record-search-queries"

// The event and its records are a contract with @keel/analytics (@keel/core).
export { SEARCH_PERFORMED_EVENT }

type SearchBody = { entity: string; filters?: { q?: string }; pagination?: { take?: number } }
type SearchReply = { results?: { metadata?: { count?: number | null }; hits?: unknown[]; provider_metadata?: { corrected_query?: string | null } }[] }

/** A batch is sent when it holds this many searches, or FLUSH_MS after its first one. */
const BATCH_SIZE = 200
const FLUSH_MS = 1000

/**
 * Searches waiting to be sent, per process. A search costs one push here instead of an
 * event and a workflow run of its own (which cost more CPU than the search itself under
 * load); one `keel.search.performed` event carries up to BATCH_SIZE of them. A process
 * that dies loses at most its last second of log, never a search.
 */
class SearchLogBuffer {
  private records: SearchQueryRecord[] = []
  private timer?: NodeJS.Timeout

  add(req: MedusaRequest, records: SearchQueryRecord[]) {
    this.records.push(...records)
    if (this.records.length >= BATCH_SIZE) {
      this.flush(req)
    } else if (!this.timer) {
      this.timer = setTimeout(() => this.flush(req), FLUSH_MS)
      this.timer.unref()
    }
  }

  private flush(req: MedusaRequest) {
    clearTimeout(this.timer)
    this.timer = undefined
    const records = this.records
    this.records = []
    if (records.length) {
      req.scope
        .resolve(Modules.EVENT_BUS)
        .emit({ name: SEARCH_PERFORMED_EVENT, data: { records } })
        .catch((error: Error) =>
          req.scope
            .resolve(ContainerRegistrationKeys.LOGGER)
            .warn(`Search log: ${records.length} searches not recorded, the event bus refused their batch (${error.message})`)
        )
    }
  }
}

const searchLog = new SearchLogBuffer()

/**
 * Records every store search that asked for hits and had a text query: the normalised
 * query, the number of hits, the locale and an anonymous session id. Written after the
 * answer, in batches (SearchLogBuffer), so a search never waits for its own logging.
 */
export function recordStoreSearches(req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) {
  // Medusa's store route answers with the provider's results: the hit counts and the corrected
  // queries are in its answer, the session header only in the request, so the log is written here.
  observeJson(res, "@keel/search search log", (body) => {
    if (res.statusCode === 200) {
      const records = toRecords(req, body as SearchReply)
      if (records.length) {
        searchLog.add(req, records)
      }
    }
  })
  next()
}

/** The queries of a store search request: one, or a batch under `queries`. */
function searchQueries(req: MedusaRequest): SearchBody[] {
  const validated = req.validatedBody as SearchBody | { queries: SearchBody[] }
  return "queries" in validated ? validated.queries : [validated]
}

function toRecords(req: MedusaRequest, body: SearchReply): SearchQueryRecord[] {
  const queries = searchQueries(req)
  const sessionId = sessionKey(req.get(SESSION_HEADER))
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
 * Store search input Medusa's validator lets through but a search cannot serve: a text query
 * that is not a string, is blank or is longer than MAX_QUERY_LENGTH characters (400).
 */
export function rejectUnusableQueries(req: MedusaRequest, _res: MedusaResponse, next: MedusaNextFunction) {
  for (const query of searchQueries(req)) {
    const q: unknown = query.filters?.q
    if (q !== undefined && typeof q !== "string") {
      return next(new MedusaError(MedusaError.Types.INVALID_DATA, "filters.q must be a string: the text to search for"))
    }
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
