import type { SearchTypes } from "@medusajs/framework/types"
import { MedusaError, searchValueToNumber } from "@medusajs/framework/utils"
import type { Settings } from "meilisearch" with { "resolution-mode": "import" }

/**
 * How an index definition maps onto a Meilisearch index: which attributes are searchable
 * (in weight order), filterable and sortable, and how documents are stored.
 */

/**
 * Meilisearch filters and sorts numbers only, so a date field is also stored as epoch
 * milliseconds in a sibling attribute with this suffix; filters, sorts and facets on the
 * field use that attribute, hits return the field as written.
 */
export const DATE_SUFFIX = "__epoch_ms"

// Keel's typo rule, as the keel-postgres provider applies it: one typo from 4 letters,
// two from 6 (Meilisearch's own defaults are 5 and 9). An index's settings override it.
const ONE_TYPO_FROM = 4
const TWO_TYPOS_FROM = 6
// Counts and offsets stop at maxTotalHits; Meilisearch's default (1000) is below what a
// catalog browse can reach, and Postgres counts exactly.
export const DEFAULT_MAX_TOTAL_HITS = 10_000
// Facet values are counted over every match, but only this many per facet come back;
// ordered by count so a limit keeps the most frequent ones.
const MAX_VALUES_PER_FACET = 1000
// "sort" first: an explicit sort (price, newest) orders the whole result, as it does on
// Postgres, instead of only breaking ties between equally relevant hits.
const RANKING_RULES = ["sort", "words", "typo", "proximity", "attribute", "exactness"]

export type PlannedField = {
  path: string
  type: SearchTypes.SearchFieldKind
  is_array: boolean
  field: SearchTypes.SearchFieldDefinition
}

export type IndexPlan = {
  primary_key: string
  fields: Map<string, PlannedField>
  /** Searchable paths, highest weight first (Meilisearch ranks by attribute order). */
  searchable: string[]
  typo_tolerance: boolean
  /** Vector fields, which this provider ignores so the definition stays portable. */
  ignored: string[]
  settings: Settings
}

export const fail = (message: string): never => {
  throw new MedusaError(MedusaError.Types.NOT_ALLOWED, message)
}

export const isDate = (planned?: PlannedField) => planned?.type === "date"
export const isNumeric = (planned?: PlannedField) =>
  planned?.type === "integer" || planned?.type === "float" || planned?.type === "date"
export const isFacetable = (field: SearchTypes.SearchFieldDefinition) =>
  field.facetable === true || typeof field.facetable === "object"
const searchWeight = (field: SearchTypes.SearchFieldDefinition) =>
  field.searchable === true ? 1 : typeof field.searchable === "object" ? (field.searchable.weight ?? 1) : 0

/** The Meilisearch attribute a field is filtered, sorted and faceted on. */
export const filterAttribute = (planned: PlannedField) =>
  isDate(planned) ? `${planned.path}${DATE_SUFFIX}` : planned.path

export function buildIndexPlan(
  definition: Pick<SearchTypes.ResolvedSearchIndexDefinition, "fields" | "primary_key" | "settings" | "name">,
  options: { max_total_hits?: number } = {}
): IndexPlan {
  const fields = new Map<string, PlannedField>()
  const ignored: string[] = []
  const walk = (group: Record<string, SearchTypes.SearchFieldDefinition>, prefix: string, inArray: boolean) => {
    for (const [name, field] of Object.entries(group)) {
      const path = prefix ? `${prefix}.${name}` : name
      const isArray = inArray || field.array === true
      if (field.type === "object") {
        walk(field.fields ?? {}, path, isArray)
      } else if (field.type === "vector") {
        ignored.push(path)
      } else if (field.type === "geo") {
        fail(`The Meilisearch provider does not support geo fields ("${path}")`)
      } else {
        fields.set(path, { path, type: field.type, is_array: isArray, field })
      }
    }
  }
  walk(definition.fields, "", false)

  const primary = fields.get(definition.primary_key)
  if (!primary || primary.is_array) {
    fail(`Search index "${definition.name}" needs a scalar primary key field "${definition.primary_key}"`)
  }
  const planned = [...fields.values()]
  const searchable = planned
    .filter(({ field }) => searchWeight(field) > 0)
    .map((entry, order) => ({ path: entry.path, weight: searchWeight(entry.field), order }))
    .sort((a, b) => b.weight - a.weight || a.order - b.order)
    .map(({ path }) => path)

  const settings = definition.settings ?? {}
  const distinct = settings.distinct_attribute ? fields.get(settings.distinct_attribute) : undefined
  if (settings.distinct_attribute && (!distinct || distinct.is_array)) {
    fail(`settings.distinct_attribute "${settings.distinct_attribute}" must be a scalar field of "${definition.name}"`)
  }
  const filterable = planned.filter(
    (entry) => entry.field.filterable || isFacetable(entry.field) || entry === primary || entry === distinct
  )
  // The primary key is sortable too: a browse without a query is ordered by it, as on Postgres.
  const sortable = planned.filter((entry) => (entry.field.sortable && !entry.is_array) || entry === primary)

  const typo = settings.typo_tolerance ?? {}
  const oneTypo = typo.min_word_size_for_one_typo ?? ONE_TYPO_FROM
  const twoTypos = typo.min_word_size_for_two_typos ?? Math.max(TWO_TYPOS_FROM, oneTypo)
  if (oneTypo < 0 || twoTypos < oneTypo || twoTypos > 255) {
    fail(`settings.typo_tolerance word sizes must satisfy 0 <= one typo (${oneTypo}) <= two typos (${twoTypos}) <= 255`)
  }
  for (const path of typo.disabled_on_attributes ?? []) {
    if (!fields.has(path)) {
      fail(`settings.typo_tolerance.disabled_on_attributes names "${path}", which is not a field of "${definition.name}"`)
    }
  }
  const typoEnabled = typo.enabled !== false

  return {
    primary_key: definition.primary_key,
    fields,
    searchable,
    typo_tolerance: typoEnabled,
    ignored,
    settings: {
      // No searchable field: every text query is refused (see search), so the default "*" never serves one.
      ...(searchable.length ? { searchableAttributes: searchable } : {}),
      filterableAttributes: filterable.map(filterAttribute),
      sortableAttributes: sortable.map(filterAttribute),
      rankingRules: RANKING_RULES,
      distinctAttribute: distinct ? filterAttribute(distinct) : null,
      typoTolerance: {
        enabled: typoEnabled,
        minWordSizeForTypos: { oneTypo, twoTypos },
        disableOnAttributes: typo.disabled_on_attributes ?? [],
      },
      pagination: { maxTotalHits: options.max_total_hits ?? DEFAULT_MAX_TOTAL_HITS },
      faceting: { maxValuesPerFacet: MAX_VALUES_PER_FACET, sortFacetValuesBy: { "*": "count" } },
    },
  }
}

// Meilisearch accepts document ids of letters, digits, "-" and "_", up to 511 bytes.
const DOCUMENT_ID = /^[A-Za-z0-9_-]{1,511}$/

/**
 * The document as Meilisearch stores it: JSON (dates as ISO strings, as Postgres returns
 * them), numbers written as strings made numbers, and each date field's epoch-ms sibling.
 */
export function encodeDocument(document: SearchTypes.SearchDocument, plan: IndexPlan): Record<string, unknown> {
  const id = document[plan.primary_key]
  if ((typeof id !== "string" && typeof id !== "number") || !DOCUMENT_ID.test(String(id))) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `Meilisearch document ids are letters, digits, "-" and "_" (up to 511): got ${JSON.stringify(id)} for "${plan.primary_key}"`
    )
  }
  const encoded = JSON.parse(JSON.stringify(document)) as Record<string, unknown>
  for (const planned of plan.fields.values()) {
    if (!isNumeric(planned)) {
      continue
    }
    const date = isDate(planned)
    // A value that is no number stays as written (and matches no numeric filter), as on Postgres.
    const toNumber = (entry: unknown) =>
      entry === null || entry === undefined ? null : (searchValueToNumber(entry, date) ?? (date ? null : entry))
    visitLeaves(encoded, planned.path.split("."), (container, key) => {
      const value = container[key]
      const numbers = Array.isArray(value) ? value.map(toNumber) : toNumber(value)
      if (date) {
        container[`${key}${DATE_SUFFIX}`] = numbers
      } else if (typeof value === "string" || Array.isArray(value)) {
        container[key] = numbers
      }
    })
  }
  return encoded
}

/** Calls `visit` with each object holding the path's last segment, through nested arrays. */
function visitLeaves(
  node: unknown,
  segments: string[],
  visit: (container: Record<string, unknown>, key: string) => void
) {
  if (Array.isArray(node)) {
    node.forEach((entry) => visitLeaves(entry, segments, visit))
    return
  }
  if (!node || typeof node !== "object") {
    return
  }
  const container = node as Record<string, unknown>
  const [head, ...rest] = segments
  if (!(head in container)) {
    return
  }
  if (rest.length) {
    visitLeaves(container[head], rest, visit)
  } else {
    visit(container, head)
  }
}

/**
 * Merchant synonyms and stop words (keel-search's tables) as Meilisearch settings: every
 * term of a group finds the others.
 */
export function tuningSettings(synonymGroups: string[][], stopWords: string[]) {
  const synonyms: Record<string, string[]> = {}
  for (const terms of synonymGroups) {
    for (const term of terms) {
      synonyms[term] = [...new Set([...(synonyms[term] ?? []), ...terms.filter((other) => other !== term)])]
    }
  }
  const settings = { synonyms, stopWords: [...new Set(stopWords)] }
  return { settings, key: tuningKey(settings) }
}

/** Equal for equal synonyms and stop words, whatever their order (also as Meilisearch returns them). */
export function tuningKey(settings: { synonyms?: Record<string, string[]> | null; stopWords?: string[] | null }) {
  const synonyms = Object.entries(settings.synonyms ?? {})
    .map(([term, others]): [string, string[]] => [term, [...others].sort()])
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  return JSON.stringify([synonyms, [...(settings.stopWords ?? [])].sort()])
}
