import type { SearchTypes } from "@medusajs/framework/types"
// search-postgres has no public entry for extending its provider; the package is pinned
// with Medusa (2.21.2) and this provider's suite runs against it on every npm test.
// eslint-disable-next-line @medusajs/import-from-framework-not-internal
import { PostgresSearchService } from "@medusajs/search-postgres/dist/services/postgres-search"
// eslint-disable-next-line @medusajs/import-from-framework-not-internal
import { projectIndexedDocument } from "@medusajs/search-postgres/dist/utils"

/**
 * Keel's Postgres search provider: Medusa's search-postgres (documents, filters, facets,
 * sorting, POST /store/search's contract) with a query front end of our own.
 *
 * - Typo tolerance is on unless a request or the index turns it off. Each query word that
 *   is not in the index's vocabulary (keel_search_term, one row per word of the indexed
 *   text) is corrected against it through a trigram GiST index (nearest words first), so a typo costs one indexed
 *   lookup per word instead of a similarity scan over every document (the stock path).
 * - The last word is also a prefix (search-as-you-type).
 * - Merchant stop words are dropped and synonyms expand a word into its group.
 * - The corrected words go into one ranked full-text query (tsquery), so matching, ranking,
 *   counts and facets all describe the same result set.
 * - A query that finds nothing returns `provider_metadata.did_you_mean`: the query with
 *   each word replaced by the closest word the catalog has.
 */

type Alternative = { text: string; prefix?: boolean }
// typed: the query's words as the search reads them; suggestion: each replaced by the closest known word.
type Prepared = { groups: Alternative[][]; any: boolean; typed: string; corrected?: string; suggestion: string }
// candidates: corrections close enough to search with; closest: the best match for did-you-mean.
type Vocabulary = { known: Set<string>; candidates: Map<string, string[]>; closest: Map<string, string> }
type WordEntry = { at: number; known: boolean; candidates: string[]; closest?: string }

const MAX_WORDS = 12
const MAX_WORD_LENGTH = 40
const MIN_PREFIX_LENGTH = 2
const SHORT_PREFIX = 3
// The vocabulary words nearest by trigrams come from a GiST index (two typos in a short
// word can leave few trigrams in common, hence the low similarity bar), then a correction
// must be within the allowed edit distance: one typo from 4 letters, two from 6 (the longer of
// the typed and the indexed word counts).
const TRIGRAM_SIMILARITY = 0.1
const TRIGRAM_CANDIDATES = 50
const CORRECTIONS_PER_WORD = 8
const ONE_TYPO_FROM = 4
const TWO_TYPOS_FROM = 6
const TUNING_TTL_MS = 1000
// What a word looked up in the vocabulary gave, kept per process: shoppers repeat words
// (every keystroke repeats the ones before), and a lookup costs a trigram query. A word
// new to the catalog is searchable at once anyway (the typed word is always searched);
// only its corrections may be this old.
const WORD_CACHE_TTL_MS = 5000
const WORD_CACHE_SIZE = 20_000
// search-postgres reads its index catalog row on every search; it changes only when an
// index is created, rebuilt or dropped, which this process hears about directly.
const CATALOG_TTL_MS = 5000
const UNDEFINED_TABLE = "42P01"
// Table names come from search-postgres's catalog; they are checked before use in SQL.
const SQL_NAME = /^[a-z_][a-z0-9_]*$/
// The vocabulary holds words of letters only: numbers, sizes and SKU parts ("7x50",
// "2024") are searched as typed, never corrected, and would crowd the trigram index.
const CORRECTABLE = /^\p{L}+$/u
// Postgres plans a search from the table's statistics. A table filled since its last
// ANALYZE has none that fit, and the planner then takes the filters' jsonb index and
// tests the text query row by row: 20 ms instead of 2 at 2,000 documents, seconds at
// 100,000. So the provider analyzes a table (and the vocabulary) once a fifth of it was
// written since, without waiting for autovacuum, which may be off.
const ANALYZE_SHARE = 0.2
const ANALYZE_MIN_WRITES = 200

/** Edits (insert, delete, substitute, swap two neighbours) that turn a into b. */
export function typoDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)])
  for (let j = 1; j <= b.length; j++) {
    d[0][j] = j
  }
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1)
      }
    }
  }
  return d[a.length][b.length]
}

const allowedTypos = (word: string) => (word.length >= TWO_TYPOS_FROM ? 2 : word.length >= ONE_TYPO_FROM ? 1 : 0)

/** Lower case, accents removed, split into letters-and-digits words. */
export function searchWords(text: string): string[] {
  return (
    text
      .toLowerCase()
      .normalize("NFD")
      .replace(/\p{M}/gu, "")
      .match(/[\p{L}\p{N}]+/gu)
      ?.filter((word) => word.length <= MAX_WORD_LENGTH) ?? []
  )
}

export class KeelPostgresSearchService extends PostgresSearchService {
  static identifier = "keel-postgres"

  private readonly prepared = new WeakMap<object, Prepared>()
  private tuning?: { at: number; stopWords: Set<string>; synonyms: Map<string, string[][]> }
  // Keyed by index and word (a Map keeps insertion order, so the oldest go first).
  private readonly words = new Map<string, WordEntry>()
  private readonly writesSinceAnalyze = new Map<string, number>()
  private readonly catalogs = new Map<string, { at: number; catalog: Awaited<ReturnType<PostgresSearchService["retrieve"]>> }>()

  async retrieve(index: string) {
    const cached = this.catalogs.get(index)
    if (cached && Date.now() - cached.at < CATALOG_TTL_MS) {
      return cached.catalog
    }
    const catalog = await super.retrieve(index)
    this.catalogs.set(index, { at: Date.now(), catalog })
    return catalog
  }

  async upsertIndex(input: Parameters<PostgresSearchService["upsertIndex"]>[0]) {
    this.catalogs.clear()
    const result = await super.upsertIndex(input)
    this.catalogs.clear()
    return result
  }

  async upsertDocuments(input: { index: string; definition?: unknown; documents: SearchTypes.SearchDocument[] }) {
    const result = await super.upsertDocuments(input as Parameters<PostgresSearchService["upsertDocuments"]>[0])
    if (input.documents.length) {
      const catalog = await this.retrieve(input.index)
      const words = new Set<string>()
      // Words of unpublished products stay out: a suggestion must not reveal a draft.
      for (const document of input.documents.filter((d) => d.status === undefined || d.status === "published")) {
        for (const word of searchWords(projectIndexedDocument(document, catalog.plan).search_text)) {
          if (CORRECTABLE.test(word)) {
            words.add(word)
          }
        }
      }
      await this.manager_.execute(
        `INSERT INTO keel_search_term (id, index_name, term)
         SELECT 'sterm_' || replace(gen_random_uuid()::text, '-', ''), ?, value
         FROM jsonb_array_elements_text(?::jsonb) WITH ORDINALITY AS t(value, position)
         ORDER BY position
         ON CONFLICT (index_name, term) WHERE deleted_at IS NULL DO NOTHING`,
        // Sorted, so concurrent ingestions take the unique index's locks in one order (no deadlock).
        [input.index, JSON.stringify([...words].sort())]
      )
      this.words.clear()
      await this.analyzeWhenStale(catalog, input.documents.length)
    }
    return result
  }

  private async analyzeWhenStale(catalog: { table_name: string; document_count: number }, written: number) {
    const writes = (this.writesSinceAnalyze.get(catalog.table_name) ?? 0) + written
    if (writes < Math.max(ANALYZE_MIN_WRITES, ANALYZE_SHARE * catalog.document_count)) {
      this.writesSinceAnalyze.set(catalog.table_name, writes)
      return
    }
    this.writesSinceAnalyze.set(catalog.table_name, 0)
    // ANALYZE takes no parameters: the table name is one search-postgres generated, checked here.
    if (!SQL_NAME.test(catalog.table_name)) {
      return
    }
    await this.manager_.execute("ANALYZE " + catalog.table_name + ", keel_search_term")
  }

  async clearIndex(input: { index: string }) {
    await this.manager_.execute(`DELETE FROM keel_search_term WHERE index_name = ?`, [input.index])
    this.words.clear()
    return super.clearIndex(input)
  }

  async deleteIndex(input: { index: string }) {
    await this.manager_.execute(`DELETE FROM keel_search_term WHERE index_name = ?`, [input.index])
    this.words.clear()
    this.catalogs.clear()
    return super.deleteIndex(input)
  }

  async search(input: SearchTypes.ProviderSearchQuery): Promise<SearchTypes.SearchResult> {
    try {
      return await this.searchPrepared(input)
    } catch (error) {
      // A cached catalog row can name a table another process just dropped (an index
      // version replaced by a reindex): read the catalog again and search once more.
      if ((error as { code?: string }).code !== UNDEFINED_TABLE) {
        throw error
      }
      this.catalogs.clear()
      return await this.searchPrepared(input)
    }
  }

  private async searchPrepared(input: SearchTypes.ProviderSearchQuery): Promise<SearchTypes.SearchResult> {
    const q = input.q?.trim()
    if (!q) {
      return super.search(input)
    }
    const options = input.search_options ?? {}
    const typo =
      options.typo_tolerance !== false && (input.index.settings?.typo_tolerance?.enabled ?? true) !== false
    const prepared = await this.prepare(input.index.physical_name, q, typo, options.match_strategy === "any")
    // The stock typo path (an unindexed similarity scan) is replaced by the prepared query.
    const query = { ...input, search_options: { ...options, typo_tolerance: false } }
    if (!prepared.groups.length) {
      // No letter or digit in the query: the stock query, which matches nothing.
      return super.search(query)
    }
    this.prepared.set(query, prepared)
    const result = await super.search(query)
    const found = result.metadata.count ?? result.hits.length
    return {
      ...result,
      metadata: { ...result.metadata, query: input.q },
      provider_metadata: {
        ...(result.provider_metadata ?? {}),
        corrected_query: prepared.corrected ?? null,
        did_you_mean: found === 0 && prepared.suggestion !== prepared.typed ? prepared.suggestion : null,
      },
    }
  }

  /**
   * Hits and their total in one statement (COUNT(*) OVER ()), where search-postgres runs
   * the match twice, once for the page and once for the count: the match is most of a
   * search's cost, so this halves the database's work. Pages past the end still need the
   * separate count, as do the shapes this does not cover (min_score, distinct, preludes).
   */
  protected async executeQuery(parts: Parameters<PostgresSearchService["executeQuery"]>[0]) {
    const simple = parts.count && parts.take > 0 && parts.minScore === undefined && !parts.distinctExpr && !parts.prelude
    if (!simple || !SQL_NAME.test(parts.table)) {
      return super.executeQuery(parts)
    }
    const params: unknown[] = []
    const rank = parts.rankSql(params)
    const conditions = parts.conditionsSql(params)
    const order = parts.fastOrderSql ? parts.fastOrderSql(params) : parts.orderSql
    params.push(parts.take, parts.skip)
    const rows: { id: string; document: unknown; indexed: unknown; score: number; total: number }[] =
      await this.manager_.execute(
        'SELECT "id", "document", "indexed", ' + rank + " AS score, COUNT(*) OVER () AS total" +
          ' FROM "' + parts.table + '"' + (conditions.length ? " WHERE " + conditions.join(" AND ") : "") +
          " ORDER BY " + order + " LIMIT ? OFFSET ?",
        params
      )
    if (!rows.length && parts.skip > 0) {
      return super.executeQuery(parts)
    }
    return { hitRows: rows, count: rows.length ? Number(rows[0].total) : 0 }
  }

  protected keywordFragments(input: Parameters<PostgresSearchService["keywordFragments"]>[0]) {
    const base = super.keywordFragments(input)
    const prepared = this.prepared.get(input.query)
    if (!prepared || !base.q) {
      return base
    }
    const plan = input.catalog.plan
    const searchOn = input.query.search_options?.attributes_to_search_on ?? plan.searchable
    if (searchOn.length !== plan.searchable.length) {
      return base // a subset of fields: the stock query on those fields
    }
    const config = this.tsConfig_
    const tsquery = (params: unknown[], groupsToMatch: Alternative[][] = prepared.groups) => {
      const groups = groupsToMatch.map((alternatives) => {
        const parts = alternatives.map((alternative) => {
          if (!alternative.prefix) {
            params.push(alternative.text)
            return `phraseto_tsquery('${config}', ?)`
          }
          // A prefix as typed ("haly" of "halyard": stemming would make it "hali") and
          // stemmed ("shorts" of the indexed "short"). Words are letters and digits only
          // (searchWords), so they are safe tsquery text.
          params.push(`${alternative.text}:*`, `${alternative.text}:*`)
          return `to_tsquery('simple', ?) || to_tsquery('${config}', ?)`
        })
        return `(${parts.join(" || ")})`
      })
      return `(${groups.join(prepared.any ? " || " : " && ")})`
    }
    // A prefix of one or two letters ("w" of "sou'w", "ki" of "kit") expands to thousands
    // of words in the full-text index, and Postgres reads them all even when the other words
    // already narrow the search to a handful of products (30 ms instead of 2 at 100,000).
    // Such a last word is checked on the rows the other words found (ts_match_vq, the
    // function behind @@, which no index serves) instead of through the index.
    const last = prepared.groups[prepared.groups.length - 1]
    const shortPrefix =
      !prepared.any && prepared.groups.length > 1 && last.some((a) => a.prefix && a.text.length < SHORT_PREFIX)
    const matchSql = (params: unknown[]) =>
      shortPrefix
        ? `"search_vector" @@ ${tsquery(params, prepared.groups.slice(0, -1))} AND ts_match_vq("search_vector", ${tsquery(params, [last])})`
        : `"search_vector" @@ ${tsquery(params)}`
    return {
      ...base,
      rankSql: (params: unknown[]) => `ts_rank_cd("search_vector", ${tsquery(params)})`,
      matchSql,
    }
  }

  /** Stop words out, typos corrected, synonyms in, the last word a prefix. */
  private async prepare(indexName: string, q: string, typo: boolean, any: boolean): Promise<Prepared> {
    const tuning = await this.loadTuning()
    const typed = searchWords(q).slice(0, MAX_WORDS)
    const kept = typed.filter((word) => !tuning.stopWords.has(word))
    const words = kept.length ? kept : typed
    const vocabulary = await this.lookUp(indexName, words, typo)

    const corrected: string[] = []
    const suggestion: string[] = []
    const groups = words.map((word, position) => {
      const last = position === words.length - 1
      const alternatives: Alternative[] = [{ text: word }]
      const known = vocabulary.known.has(word)
      const corrections = known || !typo ? [] : (vocabulary.candidates.get(word) ?? [])
      for (const correction of corrections) {
        alternatives.push({ text: correction })
      }
      // One letter is a prefix too once other words narrow the search ("sou'w" of "sou'wester").
      if (last && (word.length >= MIN_PREFIX_LENGTH || words.length > 1)) {
        alternatives.push({ text: word, prefix: true })
      }
      for (const text of [word, ...corrections]) {
        for (const synonyms of tuning.synonyms.get(text) ?? []) {
          for (const synonym of synonyms) {
            alternatives.push({ text: synonym })
          }
        }
      }
      corrected.push(corrections[0] ?? word)
      suggestion.push(vocabulary.closest.get(word) ?? word)
      return alternatives
    })
    const correctedQuery = corrected.join(" ")
    return {
      groups,
      any,
      typed: words.join(" "),
      corrected: correctedQuery !== words.join(" ") ? correctedQuery : undefined,
      suggestion: suggestion.join(" "),
    }
  }

  /** Which words the index knows, and the closest known words for the others (indexed). */
  private async lookUp(indexName: string, words: string[], typo: boolean): Promise<Vocabulary> {
    const vocabulary: Vocabulary = { known: new Set(), candidates: new Map(), closest: new Map() }
    const now = Date.now()
    const entries = new Map<string, WordEntry>()
    for (const word of words) {
      const entry = this.words.get(`${indexName}\u0000${word}`)
      if (entry && now - entry.at < WORD_CACHE_TTL_MS) {
        entries.set(word, entry)
      }
    }
    const missing = [...new Set(words.filter((word) => !entries.has(word)))]
    if (missing.length) {
      for (const [word, entry] of await this.fetchWords(indexName, missing)) {
        entries.set(word, entry)
        const key = `${indexName}\u0000${word}`
        this.words.delete(key)
        this.words.set(key, entry)
      }
      for (const key of this.words.keys()) {
        if (this.words.size <= WORD_CACHE_SIZE) {
          break
        }
        this.words.delete(key)
      }
    }
    for (const [word, entry] of entries) {
      if (entry.known) {
        vocabulary.known.add(word)
      }
      if (entry.closest) {
        vocabulary.closest.set(word, entry.closest)
      }
      if (typo && entry.candidates.length) {
        vocabulary.candidates.set(word, entry.candidates)
      }
    }
    return vocabulary
  }

  /** The vocabulary's answer for each word: known, or its corrections and closest word. */
  private async fetchWords(indexName: string, words: string[]): Promise<Map<string, WordEntry>> {
    const at = Date.now()
    const entries = new Map<string, WordEntry>(words.map((word) => [word, { at, known: false, candidates: [] }]))
    const rows: { term: string }[] = await this.manager_.execute(
      `SELECT term FROM keel_search_term
       WHERE index_name = ? AND deleted_at IS NULL AND term IN (SELECT jsonb_array_elements_text(?::jsonb))`,
      [indexName, JSON.stringify(words)]
    )
    rows.forEach((row) => (entries.get(row.term)!.known = true))
    const unknown = words.filter((word) => !entries.get(word)!.known && word.length >= 3 && CORRECTABLE.test(word))
    if (!unknown.length) {
      return entries
    }
    // The nearest words by trigram distance, from the GiST index (keel-search migrations).
    const found: { word: string; term: string; score: number }[] = await this.manager_.execute(
      `SELECT w.word, c.term, c.score
       FROM jsonb_array_elements_text(?::jsonb) AS w(word)
       CROSS JOIN LATERAL (
         SELECT term, similarity(term, w.word) AS score
         FROM keel_search_term
         WHERE index_name = ? AND deleted_at IS NULL
         ORDER BY term <-> w.word
         LIMIT ?
       ) AS c`,
      [JSON.stringify(unknown), indexName, TRIGRAM_CANDIDATES]
    )
    const byWord = new Map<string, { term: string; distance: number; score: number }[]>()
    for (const row of found) {
      if (Number(row.score) < TRIGRAM_SIMILARITY) {
        continue
      }
      const list = byWord.get(row.word) ?? []
      list.push({ term: row.term, distance: typoDistance(row.word, row.term), score: Number(row.score) })
      byWord.set(row.word, list)
    }
    for (const [word, list] of byWord) {
      list.sort((a, b) => a.distance - b.distance || b.score - a.score)
      const entry = entries.get(word)!
      // did-you-mean takes the closest word there is; the search only takes real typos.
      entry.closest = list[0].term
      entry.candidates = list
        .filter((c) => c.distance <= allowedTypos(c.term.length > word.length ? c.term : word))
        .slice(0, CORRECTIONS_PER_WORD)
        .map((c) => c.term)
    }
    return entries
  }

  private async loadTuning() {
    if (this.tuning && Date.now() - this.tuning.at < TUNING_TTL_MS) {
      return this.tuning
    }
    const [stopRows, synonymRows]: [{ word: string }[], { terms: string[] }[]] = await Promise.all([
      this.manager_.execute(`SELECT word FROM keel_search_stop_word WHERE deleted_at IS NULL`),
      this.manager_.execute(`SELECT terms FROM keel_search_synonym WHERE deleted_at IS NULL`),
    ])
    const synonyms = new Map<string, string[][]>()
    for (const { terms } of synonymRows) {
      for (const term of terms) {
        const others = terms.filter((other) => other !== term)
        synonyms.set(term, [...(synonyms.get(term) ?? []), others])
      }
    }
    this.tuning = { at: Date.now(), stopWords: new Set(stopRows.map((row) => row.word)), synonyms }
    return this.tuning
  }
}
