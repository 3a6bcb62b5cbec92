import Redis from "ioredis"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { catalog, seedShop, storeHeaders } from "../helpers/shop"
import { redisForSuite } from "../helpers/redis"

jest.setTimeout(180_000)

// This suite boots Keel's production profile: REDIS_URL set before medusa-config loads.
let redis: Awaited<ReturnType<typeof redisForSuite>>
beforeAll(async () => {
  redis = await redisForSuite()
  process.env.REDIS_URL = redis.url
})
afterAll(async () => {
  await redis?.stop()
  delete process.env.REDIS_URL
})

const product = catalog.products[0]
const variant = product.variants[0]

type Headers = Record<string, string>
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies of several routes
type Reply = { status: number; headers: Record<string, string>; data: any }

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let shop: Awaited<ReturnType<typeof seedShop>>
    let store: Headers
    let admin: Headers
    let regions: Record<string, string>
    let productId: string
    let variantId: string

    beforeAll(async () => {
      shop = await seedShop(getContainer())
      store = storeHeaders(shop.publishableKey).headers
      const { data } = await api.post("/auth/user/emailpass", { email: shop.adminEmail, password: shop.adminPassword })
      admin = { authorization: `Bearer ${data.token}` }
      const list = await api.get("/store/regions", { headers: store })
      regions = Object.fromEntries(list.data.regions.map((r: { name: string; id: string }) => [r.name, r.id]))
      const products = await api.get(`/store/products?handle=${product.handle}&fields=id,variants.id,variants.sku`, {
        headers: store,
      })
      productId = products.data.products[0].id
      variantId = products.data.products[0].variants.find((v: { sku: string }) => v.sku === variant.sku).id
    })

    beforeEach(async () => {
      await settled()
    })

    // Catalog changes (the seed's hundreds of events, or a previous test's edits) keep
    // invalidating the cache for a while, each invalidation written again 1 s later. Tests that
    // assert hits start once the invalidation log (src/modules/keel-cache/store.ts) has not
    // moved for longer than that, and the cache answers.
    async function settled() {
      const log = new Redis(redis.url)
      try {
        const deadline = Date.now() + 120_000
        while (Date.now() < deadline) {
          const before = await log.get("keel:catalog-cache:seq")
          await get("/store/regions?limit=50")
          await new Promise((r) => setTimeout(r, 1200))
          const hit = (await get("/store/regions?limit=50")).headers["x-keel-cache"] === "hit"
          if (hit && (await log.get("keel:catalog-cache:seq")) === before) return
        }
        throw new Error("catalog events did not settle")
      } finally {
        log.disconnect()
      }
    }

    /** The first cached answer for `url` once the latest invalidations are through. */
    async function cachedAnswer(url: string, headers: Headers = store) {
      await settled()
      await get(url, headers)
      return get(url, headers)
    }

    const get = (url: string, headers: Headers = store): Promise<Reply> =>
      api.get(url, { headers, validateStatus: () => true })

    const priced = (region: string, extra = "") =>
      `/store/products?handle=${product.handle}&region_id=${regions[region]}&fields=id,title,*variants.calculated_price${extra}`

    function priceOf(body: { products: { variants: { id: string; calculated_price: { calculated_amount: number } }[] }[] }) {
      return body.products[0].variants.find((v) => v.id === variantId)!.calculated_price.calculated_amount
    }

    async function eventually<T>(read: () => Promise<T>, accept: (value: T) => boolean, withinMs: number) {
      const start = Date.now()
      let value = await read()
      while (!accept(value)) {
        if (Date.now() - start > withinMs) {
          throw new Error(`not seen within ${withinMs} ms: ${JSON.stringify((value as { data?: unknown }).data ?? value).slice(0, 300)}`)
        }
        await new Promise((r) => setTimeout(r, 100))
        value = await read()
      }
      return Date.now() - start
    }

    it("serves a repeated catalog read from the cache with the same body, ETag and edge headers", async () => {
      const url = priced("Europe", "&limit=5")
      const miss = await get(url)
      expect(miss.status).toBe(200)
      expect(miss.headers["x-keel-cache"]).toBe("miss")
      const hit = await get(url)
      expect(hit.headers["x-keel-cache"]).toBe("hit")
      expect(hit.data).toEqual(miss.data)
      expect(hit.headers["etag"]).toBe(miss.headers["etag"])
      expect(hit.headers["content-type"]).toMatch(/^application\/json/)

      expect(hit.headers["cache-control"]).toMatch(/^public, max-age=0, s-maxage=\d+, stale-while-revalidate=\d+$/)
      expect(hit.headers["vary"]).toEqual(expect.stringContaining("x-publishable-api-key"))
      expect(hit.headers["vary"]).toEqual(expect.stringContaining("x-medusa-locale"))

      const notModified = await get(url, { ...store, "if-none-match": hit.headers["etag"] })
      expect(notModified.status).toBe(304)
      expect(notModified.data).toBe("")
      const changedTag = await get(url, { ...store, "if-none-match": 'W/"something-else"' })
      expect(changedTag.status).toBe(200)

      // The same query in another parameter order is the same entry.
      const reordered = await get(
        `/store/products?fields=id,title,*variants.calculated_price&limit=5&region_id=${regions.Europe}&handle=${product.handle}`
      )
      expect(reordered.headers["x-keel-cache"]).toBe("hit")

      for (const route of ["/store/product-categories", "/store/collections", "/store/regions", `/store/products/${productId}`]) {
        expect((await get(route)).headers["x-keel-cache"]).toBe("miss")
        expect((await get(route)).headers["x-keel-cache"]).toBe("hit")
      }
    })

    it("never caches carts and marks them private, no-store", async () => {
      const created = await api.post("/store/carts", { region_id: regions.Europe }, { headers: store })
      expect(created.headers["cache-control"]).toBe("private, no-store")
      const read = await get(`/store/carts/${created.data.cart.id}`)
      expect(read.headers["cache-control"]).toBe("private, no-store")
      expect(read.headers["x-keel-cache"]).toBeUndefined()
      const adminRead = await get("/admin/orders", admin)
      expect(adminRead.headers["cache-control"]).toBe("private, no-store")
    })

    it("keeps regions, locales and publishable keys in separate entries", async () => {
      const eur = await get(priced("Europe"))
      const usd = await get(priced("United States"))
      expect(eur.headers["x-keel-cache"]).toBe("miss")
      expect(usd.headers["x-keel-cache"]).toBe("miss")
      expect(priceOf(eur.data)).toBe(variant.prices.eur)
      expect(priceOf(usd.data)).toBe(variant.prices.usd)
      expect((await get(priced("United States"))).data).toEqual(usd.data)

      const french = await get(priced("Europe"), { ...store, "x-medusa-locale": "fr-FR" })
      expect(french.headers["x-keel-cache"]).toBe("miss")
      expect((await get(priced("Europe"), { ...store, "x-medusa-locale": "fr-FR" })).headers["x-keel-cache"]).toBe("hit")

      // A second key on a channel that sells nothing: same URL, different answer.
      const channel = await api.post("/admin/sales-channels", { name: "Wholesale" }, { headers: admin })
      const key = await api.post("/admin/api-keys", { title: "Wholesale", type: "publishable" }, { headers: admin })
      await api.post(
        `/admin/api-keys/${key.data.api_key.id}/sales-channels`,
        { add: [channel.data.sales_channel.id] },
        { headers: admin }
      )
      const wholesale = { "x-publishable-api-key": key.data.api_key.token }
      const url = "/store/products?limit=3&fields=id"
      const shopAnswer = await get(url)
      const wholesaleAnswer = await get(url, wholesale)
      expect(shopAnswer.data.count).toBe(catalog.products.length)
      expect(wholesaleAnswer.headers["x-keel-cache"]).toBe("miss")
      expect(wholesaleAnswer.data.count).toBe(0)
      expect((await get(url, wholesale)).data.count).toBe(0)
    })

    it("gives a logged-in customer their group's prices, privately, never another group's", async () => {
      const email = "crew@example.com"
      const password = "sails-up-2026"
      const registered = await api.post("/auth/customer/emailpass/register", { email, password })
      const customer = await api.post(
        "/store/customers",
        { email },
        { headers: { ...store, authorization: `Bearer ${registered.data.token}` } }
      )
      const group = await api.post("/admin/customer-groups", { name: "Crew" }, { headers: admin })
      const groupId = group.data.customer_group.id
      await api.post(
        `/admin/customer-groups/${groupId}/customers`,
        { add: [customer.data.customer.id] },
        { headers: admin }
      )
      const crewPrice = Math.round(variant.prices.eur / 2)
      await api.post(
        "/admin/price-lists",
        {
          title: "Crew prices",
          description: "Half price for the crew",
          type: "sale",
          status: "active",
          rules: { "customer.groups.id": [groupId] },
          prices: [{ amount: crewPrice, currency_code: "eur", variant_id: variantId }],
        },
        { headers: admin }
      )
      const login = await api.post("/auth/customer/emailpass", { email, password })
      const crew = { ...store, authorization: `Bearer ${login.data.token}` }

      const url = priced("Europe", "&limit=2")
      // The price list is new: anonymous and crew answers are computed after it exists.
      await eventually(() => get(url, crew), (r) => priceOf(r.data) === crewPrice, 2000)
      const crewHit = await cachedAnswer(url, crew)
      expect(crewHit.headers["x-keel-cache"]).toBe("hit")
      expect(crewHit.headers["cache-control"]).toBe("private, no-store")
      expect(priceOf(crewHit.data)).toBe(crewPrice)

      const anonymous = await get(url)
      expect(anonymous.headers["x-keel-cache"]).toBe("miss")
      expect(priceOf(anonymous.data)).toBe(variant.prices.eur)
      expect(priceOf((await get(url)).data)).toBe(variant.prices.eur)
    })

    it("shows an admin price change and a product title change within 2 s", async () => {
      const url = priced("Europe", "&limit=3")
      expect(priceOf((await get(url)).data)).toBe(variant.prices.eur)
      expect((await get(url)).headers["x-keel-cache"]).toBe("hit")

      const newPrice = variant.prices.eur + 11
      const current = await api.get(`/admin/products/${productId}/variants/${variantId}?fields=*prices`, {
        headers: admin,
      })
      const prices = current.data.variant.prices.map((p: { id: string; currency_code: string; amount: number }) => ({
        id: p.id,
        currency_code: p.currency_code,
        amount: p.currency_code === "eur" ? newPrice : p.amount,
      }))
      await api.post(`/admin/products/${productId}/variants/${variantId}`, { prices }, { headers: admin })
      await eventually(() => get(url), (r) => priceOf(r.data) === newPrice, 2000)

      await api.post(`/admin/products/${productId}`, { title: "Tidewater Crew, renamed" }, { headers: admin })
      await eventually(() => get(url), (r) => r.data.products[0].title === "Tidewater Crew, renamed", 2000)
      const renamed = await cachedAnswer(url)
      expect(renamed.headers["x-keel-cache"]).toBe("hit")
      expect(renamed.data.products[0].title).toBe("Tidewater Crew, renamed")
    })

    it("drops a product taken out of the sales channel within 2 s", async () => {
      // With a single sales channel Medusa does not filter products by channel at all.
      await api.post("/admin/sales-channels", { name: "Keel Wholesale" }, { headers: admin })
      const url = `/store/products?handle=${product.handle}&fields=id`
      const hit = await cachedAnswer(url)
      expect([hit.headers["x-keel-cache"], hit.data.count]).toEqual(["hit", 1])
      const channel = shop.salesChannelId
      await api.post(`/admin/sales-channels/${channel}/products`, { remove: [productId] }, { headers: admin })
      await eventually(() => get(url), (r) => r.data.count === 0, 2000)
      await api.post(`/admin/sales-channels/${channel}/products`, { add: [productId] }, { headers: admin })
      await eventually(() => get(url), (r) => r.data.count === 1, 2000)
    })

    async function customer(email: string, first_name: string) {
      const password = "a-long-enough-password"
      const registered = await api.post("/auth/customer/emailpass/register", { email, password })
      await api.post("/store/customers", { email, first_name }, { headers: { ...store, authorization: `Bearer ${registered.data.token}` } })
      const login = await api.post("/auth/customer/emailpass", { email, password })
      return { ...store, authorization: `Bearer ${login.data.token}` }
    }

    it("caches a product's review summary like the catalog and shows a newly approved review within 2 s", async () => {
      const reviewer = await customer("reviewer@example.com", "Rae")

      const url = `/store/products/${productId}/reviews/summary`
      const cached = await cachedAnswer(url)
      expect(cached.headers["x-keel-cache"]).toBe("hit")
      expect(cached.data.summary.count).toBe(0)

      // Not bought here, so it waits for the merchant; approving it must reach the cached summary.
      const written = await api.post(`/store/products/${productId}/reviews`, { rating: 4, content: "Good value." }, { headers: reviewer })
      expect(written.data.review.status).toBe("pending")
      await api.post("/admin/reviews/status", { ids: [written.data.review.id], status: "approved" }, { headers: admin })
      await eventually(() => get(url), (r) => r.data.summary.count === 1, 2000)
      await eventually(() => get(`/store/products/${productId}/reviews`), (r) => r.data.reviews.length === 1, 2000)
    })

    it("drops only the voted product's review answers on a helpful vote, and a product's answers and lists on its price edit", async () => {
      // Product B: another product of the catalog, with a review of its own.
      const other = await api.get(`/store/products?handle=${catalog.products[1].handle}&fields=id`, { headers: store })
      const productB: string = other.data.products[0].id
      const author = await customer("author@example.com", "Ari")
      const voter = await customer("voter@example.com", "Vic")
      const reviewIds: Record<string, string> = {}
      for (const id of [productId, productB]) {
        const written = await api.post(`/store/products/${id}/reviews`, { rating: 5, content: "Keeps the spray out." }, { headers: author })
        reviewIds[id] = written.data.review.id
      }
      await api.post("/admin/reviews/status", { ids: Object.values(reviewIds), status: "approved" }, { headers: admin })
      const reviewsOf = (id: string) => `/store/products/${id}/reviews?limit=50`
      const helpfulOf = (reply: Reply, reviewId: string) =>
        (reply.data.reviews as { id: string; helpful_count: number }[]).find((r) => r.id === reviewId)?.helpful_count
      await eventually(() => get(reviewsOf(productB)), (r) => helpfulOf(r, reviewIds[productB]) === 0, 2000)

      const pageOf = (id: string) => `/store/products/${id}?region_id=${regions.Europe}&fields=id,title,*variants.calculated_price`
      const warmed = [reviewsOf(productId), reviewsOf(productB), `/store/products/${productB}/reviews/summary`, pageOf(productId), pageOf(productB)]
      await settled()
      const before: Record<string, Reply> = {}
      for (const url of warmed) {
        await get(url)
        before[url] = await get(url)
        expect([url, before[url].headers["x-keel-cache"]]).toEqual([url, "hit"])
      }
      expect(helpfulOf(before[reviewsOf(productId)], reviewIds[productId])).toBe(0)

      const vote = await api.post(`/store/reviews/${reviewIds[productId]}/votes`, { helpful: true }, { headers: voter })
      expect(vote.status).toBe(200)
      // The first answer with the new count is computed afresh, within the 2 s promise.
      let fresh: Reply | undefined
      await eventually(async () => (fresh = await get(reviewsOf(productId))), (r) => helpfulOf(r, reviewIds[productId]) === 1, 2000)
      expect(fresh!.headers["x-keel-cache"]).toBe("miss")
      // Past the invalidation's second pass, everything else is still the answer cached before the vote.
      await new Promise((r) => setTimeout(r, 1500))
      for (const url of warmed.slice(1)) {
        const after = await get(url)
        expect([url, after.headers["x-keel-cache"], after.headers["etag"]]).toEqual([url, "hit", before[url].headers["etag"]])
      }

      // A price edit of product A drops A's page and the lists showing it within 2 s.
      const listUrl = priced("Europe", "&limit=4")
      await cachedAnswer(listUrl)
      expect((await get(pageOf(productId))).headers["x-keel-cache"]).toBe("hit")
      const current = await api.get(`/admin/products/${productId}/variants/${variantId}?fields=*prices`, { headers: admin })
      const oldPrice: number = current.data.variant.prices.find((p: { currency_code: string }) => p.currency_code === "eur").amount
      const newPrice = oldPrice + 7
      const prices = current.data.variant.prices.map((p: { id: string; currency_code: string; amount: number }) => ({
        id: p.id,
        currency_code: p.currency_code,
        amount: p.currency_code === "eur" ? newPrice : p.amount,
      }))
      await api.post(`/admin/products/${productId}/variants/${variantId}`, { prices }, { headers: admin })
      const pagePrice = (r: Reply) =>
        (r.data.product.variants as { id: string; calculated_price: { calculated_amount: number } }[]).find((v) => v.id === variantId)!
          .calculated_price.calculated_amount
      await eventually(() => get(pageOf(productId)), (r) => pagePrice(r) === newPrice, 2000)
      await eventually(() => get(listUrl), (r) => priceOf(r.data) === newPrice, 2000)
    })
  },
})
