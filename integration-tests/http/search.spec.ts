import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { KEEL_SEARCH_MODULE, type KeelSearchModuleService } from "@keel/search/modules/keel-search"
import { searchWords } from "@keel/search/providers/keel-postgres"
import { eventually } from "../helpers/eventually"
import { catalog, seedShop, storeHeaders } from "../helpers/shop"

jest.setTimeout(240_000)

type Headers = Record<string, string>
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- search documents
type Hit = { id: string; document: Record<string, any> }
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies
type Reply = { status: number; data: any }

/** One-letter slips a shopper makes: a swapped pair and a dropped letter. */
function typos(word: string, count: 1 | 2) {
  const swap = (w: string, i: number) => w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2)
  const drop = (w: string, i: number) => w.slice(0, i) + w.slice(i + 1)
  const once = swap(word, Math.floor(word.length / 2) - 1)
  return count === 1 ? once : drop(once, word.length - 2)
}

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let store: Headers
    let admin: Headers
    let shop: Awaited<ReturnType<typeof seedShop>>

    const search = (body: object, headers: Headers = store): Promise<Reply> =>
      api.post("/store/search", { entity: "product", ...body }, { headers, validateStatus: () => true })
    const hitsFor = async (q: string, extra: object = {}) => {
      const reply = await search({ filters: { q }, ...extra })
      expect(reply.status).toBe(200)
      return reply.data.results[0].hits as Hit[]
    }
    const top5Handles = async (q: string) => (await hitsFor(q, { pagination: { take: 5 } })).map((h) => h.document.handle)

    beforeAll(async () => {
      shop = await seedShop(getContainer())
      store = storeHeaders(shop.publishableKey).headers
      const { data } = await api.post("/auth/user/emailpass", { email: shop.adminEmail, password: shop.adminPassword })
      admin = { authorization: `Bearer ${data.token}` }
      // The index follows the seed through product events.
      const last = catalog.products[catalog.products.length - 1]
      await eventually(() => top5Handles(last.title), (handles) => handles.includes(last.handle), 60_000)
    })

    // Products with a distinctive title word of 6+ letters, the words a typo test can use.
    const probes = catalog.products
      .map((product) => ({ product, word: product.title.split(/\s+/).find((w) => /^[A-Za-z]{6,}$/.test(w))! }))
      .filter((probe) => probe.word)
      .slice(0, 12)

    it("keeps every word of the catalog in the vocabulary typos are corrected against", async () => {
      // Products are indexed concurrently; a lost vocabulary write would make their words uncorrectable.
      const all = [...new Set(catalog.products.flatMap((p) => searchWords(`${p.title} ${p.subtitle ?? ""}`)))]
      // Words of letters only: numbers and sizes ("7x50") are searched as typed, never corrected.
      const words = all.filter((word) => /^\p{L}+$/u.test(word))
      const terms = await getContainer()
        .resolve<KeelSearchModuleService>(KEEL_SEARCH_MODULE)
        .listSearchTerms({ term: all }, { take: null })
      expect(words.filter((word) => !terms.some((t) => t.term === word))).toEqual([])
      expect(terms.filter((t) => !words.includes(t.term))).toEqual([])
      expect(all.length).toBeGreaterThan(words.length)
    })

    it("finds a product by its exact title, a prefix, one typo and two typos, with typo tolerance on by default", async () => {
      for (const { product, word } of probes) {
        const rest = product.title.replace(word, "").trim()
        expect([product.title, await top5Handles(product.title)]).toEqual([product.title, expect.arrayContaining([product.handle])])
        const prefix = `${rest} ${word.slice(0, 4)}`.trim()
        expect([prefix, await top5Handles(prefix)]).toEqual([prefix, expect.arrayContaining([product.handle])])
        if (rest) {
          // One or two letters after other words: checked on their hits, not through the index.
          for (const short of [word.slice(0, 1), word.slice(0, 2)]) {
            const typing = `${rest} ${short}`
            expect([typing, await top5Handles(typing)]).toEqual([typing, expect.arrayContaining([product.handle])])
          }
        }
        for (const count of [1, 2] as const) {
          const typed = `${rest} ${typos(word.toLowerCase(), count)}`.trim()
          expect([typed, await top5Handles(typed)]).toEqual([typed, expect.arrayContaining([product.handle])])
        }
      }
      // The correction is reported, and the stock behaviour is one flag away.
      const { product, word } = probes[0]
      const reply = await search({ filters: { q: typos(word.toLowerCase(), 1) } })
      expect(reply.data.results[0].provider_metadata.corrected_query).toBe(word.toLowerCase())
      const strict = await search({ filters: { q: typos(word.toLowerCase(), 1) }, search_options: { typo_tolerance: false } })
      expect(strict.data.results[0].hits.map((h: Hit) => h.document.handle)).not.toContain(product.handle)
    })

    it("ranks a multi-word title match above a description match", async () => {
      // Two words of one product's title that another product has only in its description.
      const words = (text?: string | null) => new Set<string>(searchWords(text ?? ""))
      const pair = catalog.products
        .flatMap((title) =>
          catalog.products.map((other) => {
            const inDescription = words(other.description)
            const inOtherTitle = new Set([...words(other.title), ...words(other.subtitle)])
            const shared = [...words(title.title)].filter((w) => w.length >= 4 && inDescription.has(w) && !inOtherTitle.has(w))
            return { title, other, shared }
          })
        )
        .find(({ title, other, shared }) => title !== other && shared.length >= 2)!
      const query = pair.shared.slice(0, 2).join(" ")
      const handles = (await hitsFor(query, { pagination: { take: 50 } })).map((h) => h.document.handle)
      expect([query, handles]).toEqual([query, expect.arrayContaining([pair.title.handle, pair.other.handle])])
      expect(handles.indexOf(pair.title.handle)).toBeLessThan(handles.indexOf(pair.other.handle))
    })

    it("counts facets over the hits and filters by category and price", async () => {
      const reply = await search({
        filters: { q: "jacket" },
        pagination: { take: 100 },
        search_options: { facets: ["categories", "collection", { field: "price_eur", type: "stats" }] },
      })
      expect(reply.status).toBe(200)
      const { hits, facets, metadata } = reply.data.results[0]
      expect(hits.length).toBe(metadata.count)
      expect(hits.length).toBeGreaterThan(0)
      for (const { value, count } of facets.categories.values) {
        expect([value, count]).toEqual([value, hits.filter((h: Hit) => h.document.categories.includes(value)).length])
      }
      const category = facets.categories.values[0].value
      const inCategory = await hitsFor("jacket", { filters: { q: "jacket", categories: category }, pagination: { take: 100 } })
      expect(inCategory.length).toBe(facets.categories.values[0].count)
      expect(inCategory.every((h) => h.document.categories.includes(category))).toBe(true)

      const browse = await search({ filters: { price_eur: { $lte: 50 } }, pagination: { take: 100 } })
      expect(browse.status).toBe(200)
      const underFifty = browse.data.results[0].hits as Hit[]
      expect(underFifty.length).toBeGreaterThan(0)
      expect(underFifty.every((h) => h.document.price_eur <= 50)).toBe(true)
      const priced = catalog.products.filter((p) => Math.min(...p.variants.map((v) => v.prices.eur)) <= 50)
      expect(underFifty.length).toBe(priced.length)
    })

    it("keeps drafts and products outside the key's sales channel out, follows creation and deletion within 2 s", async () => {
      const create = (title: string, status: string, channel?: string) =>
        api.post(
          "/admin/products",
          {
            title,
            status,
            options: [{ title: "Size", values: ["One"] }],
            variants: [{ title: "One", options: { Size: "One" }, prices: [{ currency_code: "eur", amount: 10 }] }],
            ...(channel ? { sales_channels: [{ id: channel }] } : {}),
          },
          { headers: admin }
        )
      const { data: other } = await api.post("/admin/sales-channels", { name: "Keel Outlet" }, { headers: admin })
      const { data: draft } = await create("Quillback Wexmoorfen Smock", "draft", shop.salesChannelId)
      const { data: outlet } = await create("Quillback Outlet Smock", "published", other.sales_channel.id)
      const { data: live } = await create("Quillback Harbour Smock", "published", shop.salesChannelId)

      const seen = await eventually(() => hitsFor("quillback"), (hits) => hits.length > 0, 2000)
      expect(seen.map((h) => h.id)).toEqual([live.product.id])
      await new Promise((r) => setTimeout(r, 500)) // the other two were indexed in the same breath
      expect((await hitsFor("quillback")).map((h) => h.id)).toEqual([live.product.id])
      expect([draft.product.status, outlet.product.status]).toEqual(["draft", "published"])
      // A draft's words are not in the vocabulary, so no suggestion can reveal them.
      const terms = await getContainer()
        .resolve<KeelSearchModuleService>(KEEL_SEARCH_MODULE)
        .listSearchTerms({ term: ["wexmoorfen", "quillback"] }, { take: null })
      expect(terms.map((t) => t.term)).toEqual(["quillback"])
      const guess = await search({ filters: { q: "wexmorfen" } })
      expect(guess.data.results[0].hits).toEqual([])
      expect(guess.data.results[0].provider_metadata.did_you_mean).not.toBe("wexmoorfen")

      // A price change reaches the index through the variant's event.
      const variant = live.product.variants[0]
      const repriced = await api.post(
        `/admin/products/${live.product.id}/variants/${variant.id}`,
        { prices: [{ currency_code: "eur", amount: 7 }] },
        { headers: admin }
      )
      expect(repriced.status).toBe(200)
      await eventually(() => hitsFor("quillback"), (hits) => hits[0]?.document.price_eur === 7, 2000)

      await api.delete(`/admin/products/${live.product.id}`, { headers: admin })
      await eventually(() => hitsFor("quillback"), (hits) => hits.length === 0, 2000)
    })

    it("applies merchant synonyms and stop words, suggests a correction for a query that finds nothing", async () => {
      const { product, word } = probes[1]
      expect(await hitsFor("zorblat")).toEqual([])
      const created = await api.post("/admin/search/synonyms", { terms: ["Zorblat", word] }, { headers: admin })
      expect(created.status).toBe(201)
      expect(created.data.synonym.terms).toEqual(["zorblat", word.toLowerCase()])
      await eventually(() => top5Handles("zorblat"), (handles) => handles.includes(product.handle), 3000)
      await api.delete(`/admin/search/synonyms/${created.data.synonym.id}`, { headers: admin })
      await eventually(() => hitsFor("zorblat"), (hits) => hits.length === 0, 3000)

      // A stop word is ignored: the query still finds the product.
      const stop = await api.post("/admin/search/stop-words", { word: "Please" }, { headers: admin })
      expect(stop.status).toBe(201)
      await eventually(() => top5Handles(`please ${product.title}`), (handles) => handles.includes(product.handle), 3000)
      const duplicate = await api.post("/admin/search/stop-words", { word: "please" }, { headers: admin, validateStatus: () => true })
      expect(duplicate.status).toBe(422)

      const misspelt = typos(word.toLowerCase(), 1)
      const zero = await search({ filters: { q: misspelt }, search_options: { typo_tolerance: false } })
      expect(zero.data.results[0].hits).toEqual([])
      expect(zero.data.results[0].provider_metadata.did_you_mean).toBe(word.toLowerCase())
    })

    it("records searches and lists top and zero-result queries for the admin", async () => {
      await search({ filters: { q: "Merino" } }, { ...store, "x-keel-session-id": "visitor-1" })
      await search({ filters: { q: "merino " } })
      await search({ filters: { q: "Snorkelfish" } })
      const listed = await eventually(
        (): Promise<Reply> => api.get("/admin/search/queries", { headers: admin }),
        (r: Reply) => r.data.zero_results.some((q: { query: string }) => q.query === "snorkelfish"),
        3000
      )
      const merino = listed.data.top.find((q: { query: string }) => q.query === "merino")
      expect(merino.searches).toBeGreaterThanOrEqual(2)
      expect(merino.zero_result_searches).toBe(0)
      const snorkel = listed.data.zero_results.find((q: { query: string }) => q.query === "snorkelfish")
      expect([snorkel.searches, snorkel.zero_result_searches, snorkel.last_hit_count]).toEqual([1, 1, 0])
      expect(listed.data.zero_results.every((q: { zero_result_searches: number }) => q.zero_result_searches > 0)).toBe(true)
      // A range that ends before the searches lists nothing.
      const before = await api.get("/admin/search/queries?to=2020-01-01T00:00:00Z", { headers: admin })
      expect(before.data.top).toEqual([])
      const bad = await api.get("/admin/search/queries?from=yesterday", { headers: admin, validateStatus: () => true })
      expect(bad.status).toBe(400)
    })

    it("answers bad input with a 4xx and changes nothing", async () => {
      const cases: [string, object][] = [
        ["empty query", { filters: { q: "   " } }],
        ["10 kB query", { filters: { q: "x".repeat(10_000) } }],
        ["unknown index", { entity: "orders", filters: { q: "crew" } }],
        ["unknown filter field", { filters: { q: "crew", secret_field: "x" } }],
        ["malformed filter", { filters: { q: "crew", price_eur: { $between: [1, 2] } } }],
        ["filter on a non-filterable field", { filters: { description: "x" } }],
        ["take over the limit", { filters: { q: "crew" }, pagination: { take: 1000 } }],
        ["unknown option", { filters: { q: "crew" }, search_options: { provider_options: {} } }],
      ]
      for (const [name, body] of cases) {
        const reply = await search(body)
        expect([name, reply.status >= 400 && reply.status < 500]).toEqual([name, true])
      }
      // Punctuation only (tsquery syntax included) is a query that finds nothing.
      const punctuation = await search({ filters: { q: "')|&:* !(" } })
      expect([punctuation.status, punctuation.data.results?.[0].hits]).toEqual([200, []])
      const noKey = await search({ filters: { q: "crew" } }, {})
      expect(noKey.status).toBeGreaterThanOrEqual(400)
      expect(noKey.status).toBeLessThan(500)
      const before = (await api.get("/admin/search/synonyms", { headers: admin })).data.synonyms
      for (const body of [{ terms: ["only-one"] }, { terms: ["a", "a"] }, { terms: "x" }, { terms: ["a", "!!"] }, {}]) {
        const reply = await api.post("/admin/search/synonyms", body, { headers: admin, validateStatus: () => true })
        expect([body, reply.status]).toEqual([body, 400])
      }
      expect((await api.get("/admin/search/synonyms", { headers: admin })).data.synonyms).toEqual(before)
      const missing = await api.delete("/admin/search/synonyms/ssyn_missing", { headers: admin, validateStatus: () => true })
      expect(missing.status).toBe(404)
    })
  },
})
