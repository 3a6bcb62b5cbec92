import type { SearchTypes } from "@medusajs/framework/types"
import { Modules, search } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { KEEL_SEARCH_MODULE, type KeelSearchModuleService } from "@keel/search/modules/keel-search"
import { eventually } from "../helpers/eventually"

jest.setTimeout(240_000)

/**
 * One contract for every search provider Keel can run POST /store/search on: the same
 * cases, on the same documents, against each provider instance the booted app registered.
 * keel-postgres always runs; keel-meilisearch runs when MEILISEARCH_HOST points at a
 * server (medusa-config.ts then registers it), and is reported as skipped otherwise.
 */

type Provider = SearchTypes.ISearchProvider
type DocFields = {
  title: string
  subtitle: string
  description: string
  status: string
  sales_channel_ids: string[]
  skus: string[]
  tags: string[]
  type: string
  collection: string
  categories: string[]
  created_at: string
  price_eur: number
}
type Doc = DocFields & { id: string }

const MEILISEARCH_HOST = process.env.MEILISEARCH_HOST
// keel-postgres first: the runner snapshots the database after the first block's beforeAll
// and restores it before every later test, so its index and documents are in the snapshot.
const PROVIDERS = [
  { identifier: "keel-postgres", skipped: undefined },
  {
    identifier: "keel-meilisearch",
    skipped: MEILISEARCH_HOST ? undefined : "MEILISEARCH_HOST is not set; no Meilisearch server on this machine",
  },
]
for (const { identifier, skipped } of PROVIDERS) {
  if (skipped) {
    console.log(`${identifier === "keel-meilisearch" ? "Meilisearch" : identifier} provider contract: NOT RUN (${skipped})`)
  }
}

const fields = search
  .define({
    id: search.keyword().filterable(),
    title: search.text().searchable({ weight: 3 }).sortable(),
    subtitle: search.text().searchable({ weight: 2 }),
    description: search.text().searchable({ weight: 1 }),
    status: search.keyword().filterable(),
    sales_channel_ids: search.keyword().array().filterable(),
    skus: search.keyword().array().searchable({ weight: 3 }).filterable(),
    tags: search.keyword().array().searchable({ weight: 2 }).filterable().facetable(),
    type: search.keyword().searchable({ weight: 2 }).filterable().facetable(),
    collection: search.keyword().searchable({ weight: 2 }).filterable().facetable(),
    categories: search.keyword().array().searchable({ weight: 2 }).filterable().facetable(),
    created_at: search.date().filterable().sortable(),
    price_eur: search.float().filterable().sortable().facetable({ types: ["range", "stats"] }),
  })
  .toFields()
const RETRIEVED = ["id", "title", "status", "sales_channel_ids", "tags", "type", "collection", "categories", "created_at", "price_eur"]

const doc = (id: string, rest: DocFields): Doc => ({ id: `ctr_${id}`, ...rest })
const DOCS: Doc[] = [
  doc("tidewater_crew", {
    title: "Tidewater Merino Crew",
    subtitle: "Fine knit pullover",
    description: "A soft crew neck knitted from fine wool.",
    status: "published",
    sales_channel_ids: ["sc_web"],
    skus: ["TMC-S", "TMC-M"],
    tags: ["wool", "knit"],
    type: "Sweater",
    collection: "Harbour",
    categories: ["Knitwear"],
    created_at: "2026-01-05T10:00:00.000Z",
    price_eur: 89,
  }),
  doc("halyard_jacket", {
    title: "Halyard Canvas Jacket",
    subtitle: "Waxed cotton shell",
    description: "A sturdy jacket for windy days on deck.",
    status: "published",
    sales_channel_ids: ["sc_web"],
    skus: ["HCJ-M"],
    tags: ["waxed", "cotton"],
    type: "Jacket",
    collection: "Harbour",
    categories: ["Outerwear"],
    created_at: "2026-02-10T10:00:00.000Z",
    price_eur: 149,
  }),
  doc("lighthouse_jacket", {
    title: "Lighthouse Rain Jacket",
    subtitle: "Seam sealed shell",
    description: "Keeps the rain out on the longest walk.",
    status: "published",
    sales_channel_ids: ["sc_web", "sc_outlet"],
    skus: ["LRJ-L"],
    tags: ["rain", "waterproof"],
    type: "Jacket",
    collection: "Coastline",
    categories: ["Outerwear"],
    created_at: "2026-03-15T10:00:00.000Z",
    price_eur: 199,
  }),
  doc("quayside_shirt", {
    title: "Quayside Linen Shirt",
    subtitle: "Airy summer shirt",
    description: "Breathable linen for warm evenings.",
    status: "draft",
    sales_channel_ids: ["sc_web"],
    skus: ["QLS-M"],
    tags: ["linen"],
    type: "Shirt",
    collection: "Coastline",
    categories: ["Shirts"],
    created_at: "2026-04-01T10:00:00.000Z",
    price_eur: 59,
  }),
  doc("mooring_bracelet", {
    title: "Mooring Rope Bracelet",
    subtitle: "Braided sailing rope",
    description: "A bracelet braided from offcuts of sailing rope.",
    status: "published",
    sales_channel_ids: ["sc_outlet"],
    skus: ["MRB-1"],
    tags: ["rope"],
    type: "Accessory",
    collection: "Harbour",
    categories: ["Accessories"],
    created_at: "2026-01-20T10:00:00.000Z",
    price_eur: 25,
  }),
  doc("tidewater_beanie", {
    title: "Tidewater Wool Beanie",
    subtitle: "Ribbed winter hat",
    description: "A warm ribbed hat in thick wool.",
    status: "published",
    sales_channel_ids: ["sc_web"],
    skus: ["TWB-1"],
    tags: ["wool", "knit"],
    type: "Hat",
    collection: "Harbour",
    categories: ["Accessories"],
    created_at: "2026-02-28T10:00:00.000Z",
    price_eur: 35,
  }),
]
const byId = (id: string) => DOCS.find((d) => d.id === `ctr_${id}`)!
const idsWhere = (keep: (d: Doc) => boolean) => DOCS.filter(keep).map((d) => d.id).sort()

type Contract = {
  provider: Provider
  index: SearchTypes.ResolvedSearchIndexDefinition
  run(input?: Partial<SearchTypes.ProviderSearchQuery>): Promise<SearchTypes.SearchResult>
  ids(input?: Partial<SearchTypes.ProviderSearchQuery>): Promise<string[]>
  settle(task: Promise<SearchTypes.SearchTask>): Promise<void>
  tuning(): KeelSearchModuleService
  count(): Promise<number | undefined>
}

// One letter replaced, then also one dropped: typos away from the first letter, which
// some engines count double.
const ONE_TYPO = "lighthoise"
const TWO_TYPOS = "lihthoise"

/** The cases every provider must pass. Each leaves the index as it found it. */
const CASES: [string, (c: Contract) => Promise<void>][] = [
  [
    "upsertIndex is idempotent and the index lists every document written by upsertDocuments",
    async (c) => {
      expect(await c.count()).toBe(DOCS.length)
      await c.provider.upsertIndex({ index: c.index })
      expect(await c.count()).toBe(DOCS.length)
    },
  ],
  [
    "upsertDocuments replaces the document under the same id",
    async (c) => {
      const original = byId("quayside_shirt")
      await c.settle(c.provider.upsertDocuments({ index: c.index.physical_name, definition: c.index, documents: [{ ...original, title: "Quayside Seersucker Shirt" }] }))
      try {
        const replaced = await c.run({ q: "seersucker" })
        expect(replaced.hits.map((hit) => [hit.id, hit.document.title])).toEqual([[original.id, "Quayside Seersucker Shirt"]])
        expect(await c.count()).toBe(DOCS.length)
      } finally {
        await c.settle(c.provider.upsertDocuments({ index: c.index.physical_name, definition: c.index, documents: [original] }))
      }
    },
  ],
  [
    "finds a product by its exact title, and by its title with the last word a prefix",
    async (c) => {
      expect((await c.ids({ q: "Halyard Canvas Jacket" }))[0]).toBe(byId("halyard_jacket").id)
      expect(await c.ids({ q: "tidewater mer" })).toEqual([byId("tidewater_crew").id])
    },
  ],
  [
    "finds the intended product in the top 5 with one typo and with two typos",
    async (c) => {
      for (const q of [ONE_TYPO, TWO_TYPOS, `${TWO_TYPOS} jacket`]) {
        expect([q, (await c.ids({ q, pagination: { skip: 0, take: 5 } })).includes(byId("lighthouse_jacket").id)]).toEqual([q, true])
      }
    },
  ],
  [
    "filters by category, status and sales channel, a browse ordered by id",
    async (c) => {
      const browse = async (filters: SearchTypes.SearchFilters) => c.ids({ filters, pagination: { skip: 0, take: 100 } })
      expect(await browse({ categories: "Outerwear" })).toEqual(idsWhere((d) => d.categories.includes("Outerwear")))
      expect(await browse({ status: "draft" })).toEqual([byId("quayside_shirt").id])
      expect(await browse({ sales_channel_ids: ["sc_outlet"] })).toEqual(idsWhere((d) => d.sales_channel_ids.includes("sc_outlet")))
      // What POST /store/search adds for a publishable key.
      expect(await browse({ status: "published", sales_channel_ids: ["sc_web"] })).toEqual(
        idsWhere((d) => d.status === "published" && d.sales_channel_ids.includes("sc_web"))
      )
      expect(await browse({ price_eur: { $lte: 50 } })).toEqual(idsWhere((d) => d.price_eur <= 50))
      const jackets = await c.run({ q: "jacket", filters: { status: "published", categories: ["Outerwear"] } })
      expect(jackets.metadata.count).toBe(2)
    },
  ],
  [
    "counts facet values over exactly the hits, and counts pages exactly",
    async (c) => {
      const result = await c.run({
        pagination: { skip: 0, take: 100 },
        search_options: { facets: ["categories", "collection", "tags", "type"].map((field) => ({ field, type: "value" as const })) },
      })
      const hits = result.hits.map((hit) => hit.document as Doc)
      expect([hits.length, result.metadata.count]).toEqual([DOCS.length, DOCS.length])
      for (const field of ["categories", "collection", "tags", "type"] as const) {
        const facet = result.facets?.[field]
        expect(facet?.type).toBe("value")
        const values = facet?.type === "value" ? facet.values : []
        expect(values.length).toBeGreaterThan(0)
        for (const { value, count } of values) {
          const holding = hits.filter((d) => ([] as unknown[]).concat((d as Record<string, unknown>)[field]).includes(value))
          expect([field, value, count]).toEqual([field, value, holding.length])
        }
      }
      const jacket = await c.run({ q: "jacket", search_options: { facets: [{ field: "categories", type: "value" }] } })
      expect(jacket.facets?.categories).toEqual({ type: "value", values: [{ value: "Outerwear", count: 2 }] })
      // A page that does not start on a page boundary still gets the exact total.
      const page = await c.run({ pagination: { skip: 1, take: 2 } })
      expect([page.hits.length, page.metadata.count]).toEqual([2, DOCS.length])
    },
  ],
  [
    "counts a price range facet and price stats per currency",
    async (c) => {
      const ranges = [{ key: "under-50", to: 50 }, { key: "50-150", from: 50, to: 150 }, { key: "150-up", from: 150 }]
      const result = await c.run({
        filters: { status: "published" },
        search_options: { facets: [{ field: "price_eur", type: "range", ranges }] },
      })
      const published = DOCS.filter((d) => d.status === "published")
      expect(result.facets?.price_eur).toEqual({
        type: "range",
        ranges: ranges.map((range) => ({
          ...range,
          from: range.from,
          to: range.to,
          count: published.filter((d) => (range.from === undefined || d.price_eur >= range.from) && (range.to === undefined || d.price_eur < range.to)).length,
        })),
      })
      const stats = await c.run({ search_options: { facets: [{ field: "price_eur", type: "stats" }] } })
      const prices = DOCS.map((d) => d.price_eur)
      expect(stats.facets?.price_eur).toEqual(
        expect.objectContaining({ type: "stats", min: Math.min(...prices), max: Math.max(...prices), count: DOCS.length })
      )
    },
  ],
  [
    "sorts by price and by newest, over relevance when there is a query",
    async (c) => {
      const all = { pagination: { skip: 0, take: 100 } }
      const byPrice = [...DOCS].sort((a, b) => a.price_eur - b.price_eur).map((d) => d.id)
      expect(await c.ids({ ...all, pagination: { ...all.pagination, order: { price_eur: "ASC" } } })).toEqual(byPrice)
      expect(await c.ids({ ...all, pagination: { ...all.pagination, order: { price_eur: "DESC" } } })).toEqual([...byPrice].reverse())
      const newest = [...DOCS].sort((a, b) => b.created_at.localeCompare(a.created_at)).map((d) => d.id)
      expect(await c.ids({ ...all, pagination: { ...all.pagination, order: { created_at: "DESC" } } })).toEqual(newest)
      expect(await c.ids({ q: "jacket", pagination: { skip: 0, take: 10, order: { price_eur: "DESC" } } })).toEqual([
        byId("lighthouse_jacket").id,
        byId("halyard_jacket").id,
      ])
    },
  ],
  [
    "applies merchant synonyms from keel-search, and drops them again",
    async (c) => {
      expect(await c.ids({ q: "zorblat" })).toEqual([])
      const [synonym] = await c.tuning().createSearchSynonyms([{ terms: ["zorblat", "bracelet"] }])
      try {
        await eventually(() => c.ids({ q: "zorblat" }), (ids) => ids.includes(byId("mooring_bracelet").id), 15_000)
      } finally {
        await c.tuning().deleteSearchSynonyms(synonym.id)
      }
      await eventually(() => c.ids({ q: "zorblat" }), (ids) => ids.length === 0, 15_000)
    },
  ],
  [
    "answers a query that matches nothing with no hits, a zero count and did-you-mean metadata",
    async (c) => {
      const none = await c.run({ q: "xylophone", search_options: { facets: [{ field: "categories", type: "value" }] } })
      expect([none.hits, none.metadata.count, none.facets?.categories]).toEqual([[], 0, { type: "value", values: [] }])
      expect(none.provider_metadata).toHaveProperty("did_you_mean")
      const strict = await c.run({ q: ONE_TYPO, search_options: { typo_tolerance: false } })
      expect([strict.hits, strict.provider_metadata?.did_you_mean]).toEqual([[], "lighthouse"])
      const punctuation = await c.run({ q: `')|&:* !(` })
      expect([punctuation.hits, punctuation.metadata.count]).toEqual([[], 0])
    },
  ],
  [
    "deleteDocuments removes documents by id and by filter",
    async (c) => {
      const removed = [byId("mooring_bracelet"), byId("quayside_shirt")]
      try {
        await c.settle(c.provider.deleteDocuments({ index: c.index.physical_name, filters: { id: [removed[0].id] } }))
        expect(await c.ids({ q: "bracelet" })).toEqual([])
        await c.settle(c.provider.deleteDocuments({ index: c.index.physical_name, filters: { status: "draft" } }))
        expect(await c.ids({ filters: { status: "draft" } })).toEqual([])
        expect((await c.run()).metadata.count).toBe(DOCS.length - 2)
        expect(await c.count()).toBe(DOCS.length - 2)
      } finally {
        await c.settle(c.provider.upsertDocuments({ index: c.index.physical_name, definition: c.index, documents: removed }))
      }
    },
  ],
  [
    "clearIndex empties the index and keeps it",
    async (c) => {
      try {
        await c.settle(c.provider.clearIndex({ index: c.index.physical_name }))
        const empty = await c.run()
        expect([empty.hits, empty.metadata.count]).toEqual([[], 0])
        expect(await c.count()).toBe(0)
      } finally {
        await c.settle(c.provider.upsertDocuments({ index: c.index.physical_name, definition: c.index, documents: DOCS }))
      }
      expect(await c.count()).toBe(DOCS.length)
    },
  ],
]

medusaIntegrationTestRunner({
  testSuite: ({ getContainer }) => {
    for (const { identifier, skipped } of PROVIDERS) {
      const describeProvider = skipped ? describe.skip : describe
      describeProvider(`${identifier} provider contract`, () => {
        // A physical index of its own, so runs sharing a Meilisearch server never meet.
        const physicalName = `keel_contract_${identifier.replace(/-/g, "_")}_${Date.now().toString(36)}`
        const index = {
          name: "keel_contract",
          entity: "product",
          fields,
          primary_key: "id",
          provider: identifier,
          settings: { typo_tolerance: { enabled: true } },
          definition_hash: "keel-contract",
          physical_name: physicalName,
          seed: async function* () {},
        } as SearchTypes.ResolvedSearchIndexDefinition
        let contract: Contract

        beforeAll(async () => {
          // The Search Module's own registry of the providers medusa-config.ts registered.
          const searchModule = getContainer().resolve(Modules.SEARCH) as unknown as {
            __container__: { searchProviderService: { retrieve(identifier: string): Provider } }
          }
          const provider = searchModule.__container__.searchProviderService.retrieve(identifier)
          const run = (input: Partial<SearchTypes.ProviderSearchQuery> = {}) =>
            provider.search({
              index,
              attributes_to_retrieve: RETRIEVED,
              pagination: { skip: 0, take: 20 },
              search_options: {},
              ...input,
            })
          contract = {
            provider,
            index,
            run,
            ids: async (input) => (await run(input)).hits.map((hit) => hit.id),
            settle: async (pending) => {
              const task = await pending
              const done = provider.waitForTask && task.status !== "succeeded" ? await provider.waitForTask(task, { timeout_ms: 60_000 }) : task
              expect(done.status).toBe("succeeded")
            },
            tuning: () => getContainer().resolve<KeelSearchModuleService>(KEEL_SEARCH_MODULE),
            count: async () => (await provider.listIndexes()).find((info) => info.name === physicalName)?.document_count,
          }
          await provider.upsertIndex({ index })
          await contract.settle(provider.upsertDocuments({ index: physicalName, definition: index, documents: DOCS }))
        })

        afterAll(async () => {
          await contract?.provider.deleteIndex({ index: physicalName })
        })

        for (const [name, check] of CASES) {
          it(name, () => check(contract))
        }
      })
    }
  },
})
