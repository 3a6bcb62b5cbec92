import type { SearchTypes } from "@medusajs/framework/types"
import { MedusaError, search } from "@medusajs/framework/utils"
import { quote, toMeiliFilter } from "../filters"
import { buildIndexPlan, encodeDocument, tuningKey, tuningSettings } from "../plan"
import { type Response, didYouMean, planSearch, queryText, toMedusaError, toMeiliSort } from "../query"
import { fromTask } from "../service"

// The fields of the storefront's product index (src/search/product.ts, which registers itself
// with Medusa on import), resolved as the Search Module hands a definition to a provider.
const fields = search
  .define({
    id: search.keyword().filterable(),
    title: search.text().searchable({ weight: 3 }).sortable(),
    subtitle: search.text().searchable({ weight: 2 }),
    description: search.text().searchable({ weight: 1 }),
    handle: search.keyword().searchable({ weight: 2 }).filterable(),
    status: search.keyword().filterable(),
    sales_channel_ids: search.keyword().array().filterable(),
    skus: search.keyword().array().searchable({ weight: 3 }).filterable(),
    tags: search.keyword().array().searchable({ weight: 2 }).filterable().facetable(),
    type: search.keyword().searchable({ weight: 2 }).filterable().facetable(),
    collection: search.keyword().searchable({ weight: 2 }).filterable().facetable(),
    categories: search.keyword().array().searchable({ weight: 2 }).filterable().facetable(),
    created_at: search.date().filterable().sortable(),
    price_eur: search.float().filterable().sortable().facetable({ types: ["range", "stats"] }),
    price_usd: search.float().filterable().sortable().facetable({ types: ["range", "stats"] }),
  })
  .toFields()
const definition = {
  name: "product",
  entity: "product",
  fields,
  primary_key: "id",
  provider: "keel-meilisearch",
  settings: { typo_tolerance: { enabled: true } },
  definition_hash: "test",
  physical_name: "product_v1",
  seed: async function* () {},
} as SearchTypes.ResolvedSearchIndexDefinition
const plan = buildIndexPlan(definition)

const query = (input: Partial<SearchTypes.ProviderSearchQuery>): SearchTypes.ProviderSearchQuery => ({
  index: definition,
  attributes_to_retrieve: ["id", "title", "price_eur"],
  pagination: { skip: 0, take: 20 },
  ...input,
})

/** The MedusaError a call throws, as [type, message]. */
function rejection(run: () => unknown): [string, string] {
  try {
    run()
  } catch (error) {
    expect(error).toBeInstanceOf(MedusaError)
    return [(error as MedusaError).type, (error as MedusaError).message]
  }
  throw new Error("expected a MedusaError")
}

describe("Meilisearch index settings from the product definition", () => {
  it("orders searchable fields by weight and makes filter, sort and facet fields usable", () => {
    expect(plan.searchable.slice(0, 3)).toEqual(["title", "skus", "subtitle"])
    expect(plan.searchable).not.toContain("status")
    expect(plan.settings.filterableAttributes).toEqual(
      expect.arrayContaining(["id", "status", "sales_channel_ids", "categories", "collection", "tags", "type", "price_eur", "created_at__epoch_ms"])
    )
    expect(plan.settings.filterableAttributes).not.toContain("description")
    expect(plan.settings.sortableAttributes).toEqual(expect.arrayContaining(["id", "title", "price_eur", "price_usd", "created_at__epoch_ms"]))
    // An explicit sort orders the whole result, relevance breaks its ties.
    expect(plan.settings.rankingRules?.[0]).toBe("sort")
    expect(plan.settings.typoTolerance).toEqual({
      enabled: true,
      minWordSizeForTypos: { oneTypo: 4, twoTypos: 6 },
      disableOnAttributes: [],
    })
  })

  it("refuses what Meilisearch cannot hold and honours the index's typo settings", () => {
    const withFields = (fields: Record<string, SearchTypes.SearchFieldDefinition>, settings = {}) =>
      buildIndexPlan({ name: "t", primary_key: "id", fields: { id: { type: "keyword", filterable: true }, ...fields }, settings })
    expect(rejection(() => withFields({ where: { type: "geo" } }))[0]).toBe(MedusaError.Types.NOT_ALLOWED)
    expect(withFields({ embedding: { type: "vector", dimensions: 3 } }).ignored).toEqual(["embedding"])
    const strict = withFields({}, { typo_tolerance: { enabled: false, min_word_size_for_one_typo: 5 } })
    expect(strict.typo_tolerance).toBe(false)
    expect(strict.settings.typoTolerance?.minWordSizeForTypos).toEqual({ oneTypo: 5, twoTypos: 6 })
    expect(rejection(() => withFields({}, { typo_tolerance: { disabled_on_attributes: ["nope"] } }))[1]).toMatch(/nope/)
  })

  it("stores dates as written plus epoch milliseconds, numbers as numbers, and refuses ids Meilisearch cannot key", () => {
    const created = new Date("2026-01-01T00:00:00Z")
    const encoded = encodeDocument({ id: "prod_1", created_at: created, price_eur: "12.5", tags: ["a"] }, plan)
    expect(encoded).toEqual({
      id: "prod_1",
      created_at: "2026-01-01T00:00:00.000Z",
      created_at__epoch_ms: 1767225600000,
      price_eur: 12.5,
      tags: ["a"],
    })
    expect(rejection(() => encodeDocument({ id: "prod 1/2" }, plan))[0]).toBe(MedusaError.Types.INVALID_DATA)
  })

  it("turns merchant synonym groups and stop words into settings whose key ignores order", () => {
    const tuning = tuningSettings([["tee", "t shirt"], ["tee", "top"]], ["the", "for", "the"])
    expect(tuning.settings).toEqual({
      synonyms: { tee: ["t shirt", "top"], "t shirt": ["tee"], top: ["tee"] },
      stopWords: ["the", "for"],
    })
    expect(tuningKey({ synonyms: { top: ["tee"], tee: ["top", "t shirt"], "t shirt": ["tee"] }, stopWords: ["for", "the"] })).toBe(
      tuning.key
    )
    expect(tuningKey({ synonyms: {}, stopWords: [] })).not.toBe(tuning.key)
  })
})

describe("filters compiled to Meilisearch filter expressions", () => {
  const filter = (filters: SearchTypes.SearchFilters) => toMeiliFilter(filters, plan)

  it("narrows to published products of the key's sales channels, as the store route asks", () => {
    expect(filter({ status: "published", sales_channel_ids: ["sc_1", "sc_2"] })).toBe(
      `("status" = "published" AND "sales_channel_ids" IN ["sc_1", "sc_2"])`
    )
    expect(filter({ categories: "Outerwear", q: "jacket" } as SearchTypes.SearchFilters)).toBe(`"categories" = "Outerwear"`)
    expect(toMeiliFilter(undefined, plan)).toBeUndefined()
    expect(filter({})).toBeUndefined()
  })

  it("quotes and escapes every string, so a value cannot change the expression", () => {
    expect(quote(`Say "hi" \\ now`)).toBe(`"Say \\"hi\\" \\\\ now"`)
    expect(filter({ status: `x" OR "status" = "draft` })).toBe(`"status" = "x\\" OR \\"status\\" = \\"draft"`)
    expect(filter({ tags: [`a\\`, `"`] })).toBe(`"tags" IN ["a\\\\", "\\""]`)
    // A keyword compared with a number is compared as text, as Postgres does.
    expect(filter({ handle: 42 })).toBe(`"handle" = "42"`)
  })

  it("compares prices and dates as numbers, dates through their epoch-ms attribute", () => {
    expect(filter({ price_eur: { $gte: 10, $lt: 50 } })).toBe(`("price_eur" >= 10 AND "price_eur" < 50)`)
    expect(filter({ price_eur: { $lte: "49.90" } })).toBe(`"price_eur" <= 49.9`)
    expect(filter({ created_at: { $gte: "2026-01-01T00:00:00Z" } })).toBe(`"created_at__epoch_ms" >= 1767225600000`)
    expect(filter({ created_at: { $lt: new Date(0) } })).toBe(`"created_at__epoch_ms" < 0`)
    expect(filter({ price_eur: { $gt: 1e21 } })).toBe(`"price_eur" > "1e+21"`)
  })

  it("keeps search-postgres' meaning of null, absence, negation and the logical groups", () => {
    expect(filter({ collection: null })).toBe(`("collection" NOT EXISTS OR "collection" IS NULL)`)
    expect(filter({ tags: { $exists: true } })).toBe(`NOT ("tags" NOT EXISTS OR "tags" IS NULL OR "tags" IS EMPTY)`)
    expect(filter({ type: { $ne: "Boot" } })).toBe(`NOT "type" = "Boot"`)
    expect(filter({ type: { $nin: ["Boot", "Coat"] } })).toBe(`NOT "type" IN ["Boot", "Coat"]`)
    expect(filter({ type: { $in: [] } })).toBe(`"type" IN []`)
    expect(filter({ type: { $in: ["Boot", null] } })).toBe(`("type" = "Boot" OR ("type" NOT EXISTS OR "type" IS NULL))`)
    expect(filter({ tags: { $contains: ["wool", "crew"] } })).toBe(`("tags" = "wool" AND "tags" = "crew")`)
    expect(filter({ tags: { $overlaps: ["wool", "crew"] } })).toBe(`"tags" IN ["wool", "crew"]`)
    expect(filter({ $or: [{ type: "Boot" }, { price_eur: { $lt: 20 } }], $not: { status: "draft" } })).toBe(
      `(("type" = "Boot" OR "price_eur" < 20) AND NOT "status" = "draft")`
    )
  })

  it("refuses what Meilisearch cannot filter by, with a 400 type", () => {
    const refused = [
      { handle: { $like: "%crew%" } },
      { handle: { $prefix: "crew" } },
      { secret_field: "x" },
      { description: "x" }, // declared, but not filterable
      { handle: { $gt: "m" } }, // Meilisearch compares numbers and dates only
      { price_eur: { $gte: "cheap" } },
      { type: { $contains: ["Boot"] } }, // not an array field
      { tags: { $gt: 1 } },
      { type: { eq: "Boot" } }, // not an operator
      { type: { $eq: { nested: true } } },
    ]
    for (const filters of refused) {
      const [type] = rejection(() => filter(filters as SearchTypes.SearchFilters))
      expect([filters, [MedusaError.Types.NOT_ALLOWED, MedusaError.Types.INVALID_DATA].includes(type)]).toEqual([filters, true])
    }
  })

  it("compiles any field without a plan (a delete before the index was seen), dates by their value", () => {
    expect(toMeiliFilter({ store_id: "s_1", updated_at: { $lt: new Date(1000) } })).toBe(
      `("store_id" = "s_1" AND "updated_at__epoch_ms" < 1000)`
    )
  })
})

describe("search requests and results", () => {
  it("reads the query as words, quoting them when typos are not tolerated", () => {
    const [main] = planSearch(query({ q: ` Mérino  "crew" -neck!` }), plan, "product_v1").queries
    expect(main).toEqual(
      expect.objectContaining({ indexUid: "product_v1", q: "merino crew neck", matchingStrategy: "all", page: 1, hitsPerPage: 20 })
    )
    expect(main.sort).toBeUndefined() // relevance
    expect(queryText(["merino", "crew"], false)).toBe(`"merino" "crew"`)
    const strict = planSearch(query({ q: "merino", search_options: { typo_tolerance: false } }), plan, "p").queries[0]
    expect(strict.q).toBe(`"merino"`)
  })

  it("maps sorts: price, newest through the date attribute, relevance only last", () => {
    expect(toMeiliSort({ price_eur: "ASC" }, plan, "product")).toEqual(["price_eur:asc"])
    expect(toMeiliSort({ created_at: "DESC", _score: "DESC" }, plan, "product")).toEqual(["created_at__epoch_ms:desc"])
    expect(toMeiliSort({ _score: "DESC" }, plan, "product")).toEqual([])
    expect(rejection(() => toMeiliSort({ _score: "ASC" }, plan, "product"))[0]).toBe(MedusaError.Types.NOT_ALLOWED)
    expect(rejection(() => toMeiliSort({ _score: "DESC", price_eur: "ASC" }, plan, "product"))[0]).toBe(MedusaError.Types.NOT_ALLOWED)
    expect(rejection(() => toMeiliSort({ tags: "ASC" }, plan, "product"))[0]).toBe(MedusaError.Types.NOT_ALLOWED)
    expect(rejection(() => toMeiliSort({ nope: "ASC" }, plan, "product"))[0]).toBe(MedusaError.Types.INVALID_DATA)
    // A browse is ordered by primary key, as on Postgres.
    expect(planSearch(query({}), plan, "p").queries[0].sort).toEqual(["id:asc"])
  })

  it("asks for facets and an exact count with the hits, ranges as extra queries", () => {
    const search = planSearch(
      query({
        q: "jacket",
        filters: { status: "published" },
        pagination: { skip: 0, take: 10 },
        search_options: {
          facets: [
            { field: "categories", type: "value" },
            { field: "price_eur", type: "range", ranges: [{ to: 50 }, { key: "mid", from: 50, to: 150 }] },
            { field: "price_eur", type: "stats" },
          ],
        },
      }),
      plan,
      "product_v1"
    )
    expect(search.queries).toHaveLength(3)
    expect(search.queries[0]).toEqual(
      expect.objectContaining({ page: 1, hitsPerPage: 10, facets: ["categories", "price_eur"], filter: `"status" = "published"` })
    )
    expect(search.queries[1]).toEqual(
      expect.objectContaining({ page: 1, hitsPerPage: 0, filter: `("status" = "published") AND ("price_eur" < 50)` })
    )
    expect(search.queries[2].filter).toBe(`("status" = "published") AND ("price_eur" >= 50 AND "price_eur" < 150)`)

    const responses: Response[] = [
      {
        hits: [{ id: "prod_1", title: "Halyard Jacket", price_eur: 149, created_at__epoch_ms: 1 }],
        totalHits: 3,
        processingTimeMs: 4,
        facetDistribution: { categories: { Outerwear: 2, Knitwear: 1, Accessories: 2 } },
        facetStats: { price_eur: { min: 49, max: 199 } },
      },
      { hits: [], totalHits: 1, processingTimeMs: 1 },
      { hits: [], totalHits: 1, processingTimeMs: 2 },
    ]
    expect(search.assemble(responses)).toEqual({
      hits: [{ id: "prod_1", document: { id: "prod_1", title: "Halyard Jacket", price_eur: 149 } }],
      facets: {
        categories: {
          type: "value",
          values: [
            { value: "Accessories", count: 2 },
            { value: "Outerwear", count: 2 },
            { value: "Knitwear", count: 1 },
          ],
        },
        price_eur: { type: "stats", min: 49, max: 199, count: 3 },
      },
      metadata: { skip: 0, take: 10, count: 3, query: "jacket", processing_time_ms: 4 },
      provider_metadata: { corrected_query: null, did_you_mean: null },
    })
  })

  it("counts with an extra hitless query when skip is not a page boundary", () => {
    const search = planSearch(query({ pagination: { skip: 5, take: 10 }, search_options: { count: "exact" } }), plan, "p")
    expect(search.queries).toEqual([
      expect.objectContaining({ offset: 5, limit: 10 }),
      expect.objectContaining({ page: 1, hitsPerPage: 0 }),
    ])
    const result = search.assemble([
      { hits: [], estimatedTotalHits: 999, processingTimeMs: 0 },
      { hits: [], totalHits: 12, processingTimeMs: 0 },
    ])
    expect(result.metadata.count).toBe(12)
    expect(result.provider_metadata).toBeUndefined()
    const uncounted = planSearch(query({ pagination: { skip: 5, take: 10 }, search_options: { count: "none" } }), plan, "p")
    expect(uncounted.queries).toHaveLength(1)
    expect(uncounted.assemble([{ hits: [], processingTimeMs: 0 }]).metadata.count).toBeNull()
  })

  it("orders and cuts value facets as search-postgres does (limit, alpha, prefix query)", () => {
    const search = planSearch(
      query({ search_options: { facets: [{ field: "tags", type: "value", limit: 2, sort: "alpha", query: "w" }] } }),
      plan,
      "p"
    )
    const result = search.assemble([
      { hits: [], totalHits: 9, processingTimeMs: 0, facetDistribution: { tags: { wool: 1, waxed: 5, Wide: 3, warm: 2 } } },
    ])
    expect(result.facets?.tags).toEqual({ type: "value", values: [{ value: "warm", count: 2 }, { value: "waxed", count: 5 }] })
  })

  it("answers a query of no letters or digits with nothing, without asking Meilisearch", () => {
    const search = planSearch(
      query({ q: `')|&:* !(`, search_options: { facets: [{ field: "price_eur", type: "range", ranges: [{ to: 50 }] }] } }),
      plan,
      "p"
    )
    expect(search.queries).toEqual([])
    expect(search.suggestion).toBeUndefined()
    const result = search.assemble([])
    expect([result.hits, result.metadata.count, result.facets]).toEqual([
      [],
      0,
      { price_eur: { type: "range", ranges: [{ key: "*-50", to: 50, from: undefined, count: 0 }] } },
    ])
  })

  it("refuses options keel-postgres refuses, and unknown or unusable fields", () => {
    const refused: Partial<SearchTypes.ProviderSearchQuery>[] = [
      { q: "crew", search_options: { highlight: true } },
      { search_options: { match_strategy: "any" } },
      { search_options: { locales: ["fr"] } },
      { pagination: { cursor: "abc" } },
      { search_options: { min_score: 3 } },
      { search_options: { facets: [{ field: "description", type: "value" }] } },
      { search_options: { facets: [{ field: "tags", type: "stats" }] } },
      { search_options: { attributes_to_search_on: ["status"] } },
      { search_options: { distinct: "tags" } },
    ]
    for (const input of refused) {
      const [type] = rejection(() => planSearch(query(input), plan, "p"))
      expect([input, [MedusaError.Types.NOT_ALLOWED, MedusaError.Types.INVALID_DATA].includes(type)]).toEqual([input, true])
    }
  })

  it("suggests the closest words Meilisearch matched, from byte offsets", () => {
    const search = planSearch(query({ q: "mreino cerw", search_options: { typo_tolerance: false } }), plan, "p")
    expect(search.suggestion).toEqual(expect.objectContaining({ q: "mreino cerw", matchingStrategy: "last", limit: 1, showMatchesPosition: true }))
    const hit = {
      id: "prod_1",
      title: "Crème Merino Crew", // "è" is two bytes: positions are bytes
      tags: ["wool", "crewneck"],
      _matchesPosition: {
        title: [
          { start: 7, length: 6 },
          { start: 14, length: 4 },
        ],
        tags: [{ start: 0, length: 4, indices: [1] }],
      },
    }
    expect(didYouMean(search.words, hit)).toBe("merino crew")
    expect(didYouMean(["merino"], { id: "x", title: "Merino", _matchesPosition: { title: [{ start: 0, length: 6 }] } })).toBeNull()
    expect(didYouMean(["zzzzzz"], hit)).toBeNull()
    expect(didYouMean(["merino"], undefined)).toBeNull()
  })
})

describe("Meilisearch errors and tasks", () => {
  const apiError = (code: string) => Object.assign(new Error("boom"), { name: "MeilisearchApiError", cause: { code, message: `${code}!` } })

  it("maps a missing index to NOT_FOUND (the module retries it) and refused input to INVALID_DATA", () => {
    const mapped = (error: unknown) => {
      const medusa = toMedusaError(error, "searching") as MedusaError
      return [medusa.type, medusa.message]
    }
    expect(mapped(apiError("index_not_found"))).toEqual([MedusaError.Types.NOT_FOUND, "Meilisearch, searching: index_not_found!"])
    expect(mapped(apiError("invalid_search_filter"))[0]).toBe(MedusaError.Types.INVALID_DATA)
    expect(mapped(apiError("invalid_api_key"))[0]).toBe(MedusaError.Types.UNEXPECTED_STATE)
    expect(mapped(Object.assign(new Error("refused"), { name: "MeilisearchRequestError" }))[0]).toBe(MedusaError.Types.UNEXPECTED_STATE)
    const own = new MedusaError(MedusaError.Types.NOT_ALLOWED, "mine")
    expect(toMedusaError(own, "x")).toBe(own)
  })

  it("reports settled tasks as the Search Module's tasks", () => {
    expect(fromTask({ uid: 7, status: "succeeded", error: null }, "product_v1")).toEqual({ id: "7", index: "product_v1", status: "succeeded" })
    expect(
      fromTask({ uid: 8, status: "failed", error: { message: "bad", code: "invalid_document_id", type: "invalid_request", link: "" } })
    ).toEqual({ id: "8", index: undefined, status: "failed", error: { message: "bad", code: "invalid_document_id" } })
    expect(fromTask({ uid: 9, status: "canceled", error: null }).status).toBe("failed")
  })
})
