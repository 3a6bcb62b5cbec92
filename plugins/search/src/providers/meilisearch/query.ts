import type { SearchTypes } from "@medusajs/framework/types"
import { MedusaError, projectDocument, readDocumentPath, searchValueToNumber } from "@medusajs/framework/utils"
import type { Hit, MultiSearchQuery, SearchResponse } from "meilisearch" with { "resolution-mode": "import" }
import { searchWords, typoDistance } from "../keel-postgres/service"
import { numberLiteral, quote, toMeiliFilter } from "./filters"
import { type IndexPlan, type PlannedField, fail, filterAttribute, isFacetable, isNumeric } from "./plan"

/**
 * A provider query as Meilisearch requests, and their responses as a SearchResult, with
 * POST /store/search's behaviour on keel-postgres:
 *
 * - The query is read as words (letters and digits, as keel-postgres reads it), so quotes
 *   and a leading "-" are not Meilisearch operators; every word must match, the last one
 *   also as a prefix. `typo_tolerance: false` quotes each word (Meilisearch's exact match:
 *   no typo, and no prefix either, the one difference with Postgres).
 * - Counts are exact: the count comes from a query in page mode (`totalHits`), which is the
 *   hits query itself when skip is a multiple of take, else an extra one with no hits.
 * - Value and stats facets come with that count; each range of a range facet is one more
 *   query with no hits. All of them go to Meilisearch in one multi-search.
 * - Highlighting, vectors, locales, cursors and the "any" match strategy are refused, as
 *   keel-postgres refuses them, so a query answers the same on either provider.
 */

const DEFAULT_TAKE = 20
const DEFAULT_FACET_LIMIT = 10
// Meilisearch reads the first 10 words of a query and ignores the rest.
const MAX_QUERY_WORDS = 10
// A did-you-mean replacement is at most as far from the typed word as a typo match can be.
const MAX_SUGGESTION_DISTANCE = 2

type ValueFacet = { field: string; type: "value"; attribute: string; limit: number; sort?: "count" | "alpha"; query?: string }
type RangeFacet = {
  field: string
  type: "range"
  attribute: string
  ranges: { key: string; from?: number | string; to?: number | string; bounds: [number | undefined, number | undefined] }[]
}
type StatsFacet = { field: string; type: "stats"; attribute: string }
type Facet = ValueFacet | RangeFacet | StatsFacet

export type Response = Pick<SearchResponse, "hits" | "facetDistribution" | "facetStats" | "processingTimeMs"> & {
  totalHits?: number
  estimatedTotalHits?: number
}

export type SearchPlan = {
  /** The query's words as searched; empty for a browse. */
  words: string[]
  queries: MultiSearchQuery[]
  assemble(responses: Response[]): SearchTypes.SearchResult
  /** A typo-tolerant, any-words query whose best hit feeds did-you-mean when nothing is found. */
  suggestion?: MultiSearchQuery
}

const invalid = (message: string): never => {
  throw new MedusaError(MedusaError.Types.INVALID_DATA, message)
}

function rejectUnsupported(input: SearchTypes.ProviderSearchQuery) {
  const options = input.search_options ?? {}
  if (options.highlight && input.q?.trim()) {
    fail("The Meilisearch provider does not support highlighting")
  }
  if (options.vector) {
    fail("The Meilisearch provider does not support search_options.vector")
  }
  if (options.locales?.length) {
    fail("The Meilisearch provider does not support query-time locales")
  }
  if (options.match_strategy === "any") {
    fail('The Meilisearch provider has no "any" match strategy: every word must match')
  }
  if (input.pagination?.cursor !== undefined) {
    fail("The Meilisearch provider does not support cursor pagination")
  }
  if (options.min_score !== undefined && !(options.min_score >= 0 && options.min_score <= 1)) {
    invalid("search_options.min_score is a relevance score between 0 and 1 on the Meilisearch provider")
  }
}

/** The words Meilisearch is asked for: exact (quoted) when typos are not tolerated. */
export function queryText(words: string[], typoTolerance: boolean) {
  return words.map((word) => (typoTolerance ? word : `"${word}"`)).join(" ")
}

/** `pagination.order` as Meilisearch sort rules; relevance may only come last. */
export function toMeiliSort(order: Record<string, string> | undefined, plan: IndexPlan, indexName: string): string[] {
  const sort: string[] = []
  let relevance = false
  for (const [path, direction] of Object.entries(order ?? {})) {
    if (path === "_score") {
      if (direction === "ASC") {
        fail("The Meilisearch provider ranks by descending relevance only")
      }
      relevance = true
      continue
    }
    if (relevance) {
      fail(`The Meilisearch provider sorts by "${path}" before relevance, so "_score" can only come last`)
    }
    const planned = plan.fields.get(path)
    if (!planned) {
      invalid(`Cannot sort search index "${indexName}" by unknown field "${path}"`)
    }
    const attribute = filterAttribute(planned!)
    if (planned!.is_array || !(plan.settings.sortableAttributes ?? []).includes(attribute)) {
      fail(`The Meilisearch provider cannot sort by "${path}"`)
    }
    sort.push(`${attribute}:${direction === "ASC" ? "asc" : "desc"}`)
  }
  return sort
}

function planFacet(request: string | SearchTypes.SearchFacetRequest, plan: IndexPlan): Facet {
  const normalized = typeof request === "string" ? { field: request, type: "value" as const } : request
  const planned: PlannedField | undefined = plan.fields.get(normalized.field)
  if (!planned || !isFacetable(planned.field)) {
    return fail(`Field "${normalized.field}" is not facetable on the Meilisearch provider`)
  }
  const attribute = filterAttribute(planned)
  if (normalized.type === "range" || normalized.type === "stats") {
    if (!isNumeric(planned)) {
      fail(`${normalized.type === "range" ? "Range" : "Stats"} facets require a numeric or date field ("${normalized.field}")`)
    }
    if (normalized.type === "stats") {
      return { field: normalized.field, type: "stats", attribute }
    }
    const bound = (value?: number | string) => {
      if (value === undefined) {
        return undefined
      }
      const number = searchValueToNumber(value, planned.type === "date")
      return number === undefined || !Number.isFinite(number)
        ? invalid(`Range bound ${JSON.stringify(value)} of "${normalized.field}" is not a number`)
        : number
    }
    return {
      field: normalized.field,
      type: "range",
      attribute,
      ranges: (normalized.ranges ?? []).map((range) => ({
        key: range.key ?? `${range.from ?? "*"}-${range.to ?? "*"}`,
        from: range.from,
        to: range.to,
        bounds: [bound(range.from), bound(range.to)],
      })),
    }
  }
  return {
    field: normalized.field,
    type: "value",
    attribute,
    limit: normalized.limit ?? DEFAULT_FACET_LIMIT,
    sort: normalized.sort,
    query: normalized.query,
  }
}

/** A value facet from Meilisearch's distribution, ordered and cut as search-postgres does. */
export function valueFacet(distribution: Record<string, number> | undefined, facet: ValueFacet): SearchTypes.SearchFacetResult {
  const values = Object.entries(distribution ?? {})
    .map(([value, count]) => ({ value, count }))
    .filter(({ value }) => facet.query === undefined || value.startsWith(facet.query))
    .sort((a, b) =>
      facet.sort === "alpha"
        ? compare(a.value, b.value)
        : b.count - a.count || compare(a.value, b.value)
    )
  return { type: "value", values: values.slice(0, facet.limit) }
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)
const and = (...parts: (string | undefined)[]) => {
  const present = parts.filter((part): part is string => !!part)
  return present.length > 1 ? present.map((part) => `(${part})`).join(" AND ") : present[0]
}

export function planSearch(input: SearchTypes.ProviderSearchQuery, plan: IndexPlan, uid: string): SearchPlan {
  rejectUnsupported(input)
  const options = input.search_options ?? {}
  const skip = input.pagination?.skip ?? 0
  const take = input.pagination?.take ?? DEFAULT_TAKE
  const indexName = input.index.name
  const text = input.q?.trim()
  if (text && !plan.searchable.length) {
    invalid(`Search index "${indexName}" has no searchable fields, so it cannot be queried by text`)
  }
  const words = text ? searchWords(text).slice(0, MAX_QUERY_WORDS) : []
  const typo = options.typo_tolerance !== false && plan.typo_tolerance

  for (const path of options.attributes_to_search_on ?? []) {
    if (!plan.searchable.includes(path)) {
      invalid(`Field "${path}" is not searchable on search index "${indexName}"`)
    }
  }
  const distinctPath = options.distinct ?? input.index.settings?.distinct_attribute
  const distinct = distinctPath ? plan.fields.get(distinctPath) : undefined
  if (distinctPath && (!distinct || distinct.is_array || !(plan.settings.filterableAttributes ?? []).includes(filterAttribute(distinct)))) {
    fail(`The Meilisearch provider cannot deduplicate by "${distinctPath}": it must be a filterable scalar field`)
  }
  const filter = toMeiliFilter(input.filters, plan)
  const sort = toMeiliSort(input.pagination?.order, plan, indexName)
  // A browse is ordered by primary key, as on Postgres; a text query by relevance.
  if (!sort.length && !words.length) {
    sort.push(`${plan.primary_key}:asc`)
  }
  const facets = (options.facets ?? []).map((request) => planFacet(request, plan))
  const distributed = [...new Set(facets.filter((f) => f.type !== "range").map((f) => f.attribute))]
  const counted = options.count !== "none"

  // What every query of this search shares: the same matches.
  const base: MultiSearchQuery = {
    indexUid: uid,
    q: queryText(words, typo),
    matchingStrategy: "all",
    ...(filter ? { filter } : {}),
    ...(options.attributes_to_search_on ? { attributesToSearchOn: options.attributes_to_search_on } : {}),
    ...(distinct ? { distinct: filterAttribute(distinct) } : {}),
    ...(options.min_score !== undefined ? { rankingScoreThreshold: options.min_score } : {}),
  }
  const noHits = (extraFilter?: string): MultiSearchQuery => ({
    ...base,
    page: 1,
    hitsPerPage: 0,
    ...(and(filter, extraFilter) ? { filter: and(filter, extraFilter) } : {}),
  })
  const paged = take === 0 || skip % take === 0
  const main: MultiSearchQuery = {
    ...base,
    ...(paged ? { page: take === 0 ? 1 : skip / take + 1, hitsPerPage: take } : { offset: skip, limit: take }),
    attributesToRetrieve: [...new Set([plan.primary_key, ...input.attributes_to_retrieve])],
    ...(sort.length ? { sort } : {}),
    ...(options.include_score ? { showRankingScore: true } : {}),
  }
  const needsScope = counted || facets.length > 0
  const scope = paged ? main : needsScope ? noHits() : undefined
  if (scope && distributed.length) {
    scope.facets = distributed
  }
  const ranges = facets.flatMap((facet) =>
    facet.type === "range"
      ? facet.ranges.map(({ bounds: [from, to] }) => {
          const attribute = quote(facet.attribute)
          const bounds = [
            from !== undefined ? `${attribute} >= ${numberLiteral(from)}` : undefined,
            to !== undefined ? `${attribute} < ${numberLiteral(to)}` : undefined,
          ]
          return noHits(bounds.filter(Boolean).join(" AND ") || undefined)
        })
      : []
  )
  // A query of no letters or digits matches nothing (it would be a browse on Meilisearch).
  const queries = text && !words.length ? [] : [main, ...(scope && scope !== main ? [scope] : []), ...ranges]

  const assemble = (responses: Response[]): SearchTypes.SearchResult => {
    const empty: Response = { hits: [], totalHits: 0, processingTimeMs: 0 }
    const [mainResponse = empty, ...rest] = responses
    const scopeResponse = scope === main ? mainResponse : scope ? (rest.shift() ?? empty) : mainResponse
    const total = scopeResponse.totalHits ?? scopeResponse.estimatedTotalHits ?? 0
    let rangeSlot = 0
    const facetResults = facets.length
      ? Object.fromEntries(
          facets.map((facet): [string, SearchTypes.SearchFacetResult] => {
            if (facet.type === "value") {
              return [facet.field, valueFacet(scopeResponse.facetDistribution?.[facet.attribute], facet)]
            }
            if (facet.type === "stats") {
              const stats = scopeResponse.facetStats?.[facet.attribute]
              return [facet.field, { type: "stats", min: stats?.min ?? 0, max: stats?.max ?? 0, count: total }]
            }
            return [
              facet.field,
              {
                type: "range",
                ranges: facet.ranges.map(({ key, from, to }) => ({
                  key,
                  from,
                  to,
                  count: rest[rangeSlot++]?.totalHits ?? 0,
                })),
              },
            ]
          })
        )
      : undefined
    return {
      hits: mainResponse.hits.map((hit) => ({
        id: String(hit[plan.primary_key]),
        ...(options.include_score ? { score: hit._rankingScore } : {}),
        document: projectDocument(hit, input.attributes_to_retrieve),
      })),
      facets: facetResults,
      metadata: {
        skip,
        take,
        count: counted ? total : null,
        query: input.q,
        processing_time_ms: Math.max(0, ...responses.map((response) => response.processingTimeMs ?? 0)),
      },
      // The keys keel-postgres answers with; Meilisearch does not report its corrections.
      ...(text ? { provider_metadata: { corrected_query: null, did_you_mean: null } } : {}),
    }
  }

  const suggestion: MultiSearchQuery | undefined = words.length
    ? {
        indexUid: uid,
        q: words.join(" "),
        // Drops words from the end until something matches; a word the catalog lacks then
        // still gets the closest match of the others.
        matchingStrategy: "last",
        ...(filter ? { filter } : {}),
        limit: 1,
        attributesToRetrieve: plan.searchable,
        showMatchesPosition: true,
      }
    : undefined

  return { words, queries, assemble, suggestion }
}

/** The whole word around a match (Meilisearch reports byte offsets, and prefix matches). */
function wordAt(text: string, start: number, length: number): string[] {
  const bytes = Buffer.from(text)
  const before = bytes.subarray(0, start).toString()
  const match = bytes.subarray(start, start + length).toString()
  const after = bytes.subarray(start + length).toString()
  const head = before.match(/[\p{L}\p{N}]*$/u)?.[0] ?? ""
  const tail = after.match(/^[\p{L}\p{N}]*/u)?.[0] ?? ""
  return searchWords(`${head}${match}${tail}`)
}

/** The words of a hit that Meilisearch matched (`showMatchesPosition`). */
export function matchedWords(hit: Hit): Set<string> {
  const words = new Set<string>()
  for (const [path, positions] of Object.entries(hit._matchesPosition ?? {})) {
    const values = readDocumentPath(hit, path.split("."))
    for (const position of positions ?? []) {
      const candidates = position.indices?.length ? [values[position.indices[0]]] : values
      for (const value of candidates) {
        if (typeof value === "string") {
          wordAt(value, position.start, position.length).forEach((word) => words.add(word))
        }
      }
    }
  }
  return words
}

/**
 * Did-you-mean from the best hit of the suggestion query: each typed word replaced by the
 * closest word Meilisearch matched in it, when that is within two typos; null when that
 * changes nothing.
 */
export function didYouMean(words: string[], hit: Hit | undefined): string | null {
  const matched = hit ? [...matchedWords(hit)] : []
  if (!matched.length) {
    return null
  }
  const suggestion = words.map((word) => {
    let best = word
    let distance = MAX_SUGGESTION_DISTANCE + 1
    for (const candidate of matched) {
      const d = typoDistance(word, candidate)
      if (d < distance || (d === distance && candidate < best)) {
        best = candidate
        distance = d
      }
    }
    return distance <= MAX_SUGGESTION_DISTANCE ? best : word
  })
  const joined = suggestion.join(" ")
  return joined !== words.join(" ") ? joined : null
}

/** Meilisearch client errors as MedusaErrors: a missing index is NOT_FOUND (the module retries it). */
export function toMedusaError(error: unknown, context: string): Error {
  if (error instanceof MedusaError) {
    return error
  }
  const failure = error as { name?: string; message?: string; cause?: { code?: string; message?: string } } | undefined
  if (failure?.name === "MeilisearchApiError") {
    const code = failure.cause?.code ?? ""
    const message = `Meilisearch, ${context}: ${failure.cause?.message ?? failure.message}`
    if (code === "index_not_found") {
      return new MedusaError(MedusaError.Types.NOT_FOUND, message)
    }
    // Input the translation let through (a filter value Meilisearch refuses): the caller's error.
    if (/^invalid_(search|facet|document)_/.test(code)) {
      return new MedusaError(MedusaError.Types.INVALID_DATA, message)
    }
    return new MedusaError(MedusaError.Types.UNEXPECTED_STATE, message)
  }
  if (failure?.name?.startsWith("Meilisearch")) {
    return new MedusaError(MedusaError.Types.UNEXPECTED_STATE, `Meilisearch, ${context}: ${failure.message}`)
  }
  return error instanceof Error ? error : new Error(String(error))
}
