import Redis from "ioredis"
import { cacheTags } from "@keel/core"
import { redisForSuite } from "../../../../integration-tests/helpers/redis"
import { CACHE_DECLARATIONS } from "../declarations"
import { CacheRoutes } from "../routes"
import { CatalogCacheStore, type StoredAnswer } from "../store"

const routes = new CacheRoutes(CACHE_DECLARATIONS)
const noContainer = {
  resolve: () => {
    throw new Error("not needed")
  },
}

describe("the composed route list and event map", () => {
  it("matches declared paths exactly, plugin routes included, and nothing else", () => {
    expect(routes.match("/store/products")?.route.path).toBe("/store/products")
    expect(routes.match("/store/products/prod_1")).toMatchObject({ route: { path: "/store/products/:id" }, params: { id: "prod_1" } })
    expect(routes.match("/store/products/prod_1/reviews")).toMatchObject({ route: { path: "/store/products/:id/reviews" }, params: { id: "prod_1" } })
    expect(routes.match("/store/products/prod_1/reviews/summary")?.route.path).toBe("/store/products/:id/reviews/summary")
    expect(routes.match("/store/products/prod_1/variants")).toBeUndefined()
    expect(routes.match("/store/carts")).toBeUndefined()
    expect(routes.matchers.sort()).toEqual(["/store/collections*", "/store/product-categories*", "/store/products*", "/store/regions*"])
  })

  it("tags a review answer with its product's review target and the product, a product page with the product", () => {
    const answer = (path: string, query = "") => {
      const match = routes.match(path)!
      return match.route.tags({ params: match.params, query: new URLSearchParams(query), body: {} })
    }
    expect(answer("/store/products/prod_a/reviews")).toEqual(["review-target:prod_a", "product:prod_a"])
    expect(answer("/store/products/prod_a")).toEqual(expect.arrayContaining(["product:prod_a"]))
    expect(answer("/store/products/prod_a")).not.toContain("review-target:prod_a")
    expect(answer("/store/products")).toContain("product-list")
    // A category answer embedding products is dropped with any product list.
    expect(answer("/store/product-categories", "fields=id,*products")).toContain("product-list")
    expect(answer("/store/product-categories", "fields=id,name")).not.toContain("product-list")
  })

  it("maps a review change to its products' review answers only, a product change to the product and every list", async () => {
    expect(routes.events).toEqual(expect.arrayContaining(["keel_review.changed", "product.updated", "pricing.price.updated"]))
    expect(await routes.tagsOf("keel_review.changed", { product_ids: ["prod_a"] }, noContainer)).toEqual(["review-target:prod_a"])
    expect(await routes.tagsOf("keel_review.changed", {}, noContainer)).toEqual([cacheTags.all])
    expect((await routes.tagsOf("product.updated", { id: "prod_a" }, noContainer)).sort()).toEqual(["product-list", "product:prod_a"])
    expect(await routes.tagsOf("api_key.api-key.updated", { id: "apk_1" }, noContainer)).toEqual([cacheTags.all])
  })
})

describe("the store's invalidation log, shared by two instances", () => {
  let redis: { url: string; stop: () => Promise<void> }
  const clients: Redis[] = []
  const stores: CatalogCacheStore[] = []
  const logger = { warn: () => undefined, info: () => undefined }

  beforeAll(async () => {
    redis = await redisForSuite()
  })
  afterAll(async () => {
    for (const store of stores) store.stop()
    for (const client of clients) client.disconnect()
    await redis.stop()
  })

  async function instance() {
    const client = new Redis(redis.url, { enableOfflineQueue: false, maxRetriesPerRequest: 1 })
    clients.push(client)
    await new Promise((resolve) => client.once("ready", resolve))
    const store = new CatalogCacheStore(client, { url: redis.url, ttlSeconds: 60, logger })
    stores.push(store)
    // Following the log (each start also writes a whole-catalog drop, for everyone).
    while (!store.available) await new Promise((r) => setTimeout(r, 20))
    await new Promise((r) => setTimeout(r, 300))
    await store.poll()
    return store
  }

  const answer = (store: CatalogCacheStore, tags: string[], body = "{}"): StoredAnswer => ({
    body: Buffer.from(body),
    etag: `W/"${body}"`,
    seq: store.position()!,
    tags,
  })

  it("drops on every instance only the answers of the tags named, and refuses an answer computed before them", async () => {
    const a = await instance()
    const b = await instance()
    await a.poll()
    const computedBefore = answer(a, ["review-target:prod_a"], '{"stale":true}')
    a.set("reviews-a", answer(a, ["review-target:prod_a", "product:prod_a"]))
    a.set("reviews-b", answer(a, ["review-target:prod_b", "product:prod_b"]))
    a.set("page-a", answer(a, ["product:prod_a", "products"]))
    await new Promise((r) => setTimeout(r, 50)) // the writes reach Redis
    expect(await b.get("reviews-a")).toBeDefined()

    await b.invalidate(["review-target:prod_a"])
    await a.poll()
    for (const store of [a, b]) {
      expect(await store.get("reviews-a")).toBeUndefined()
      expect(await store.get("reviews-b")).toBeDefined()
      expect(await store.get("page-a")).toBeDefined()
    }
    // Computed before the invalidation, stored after it: not kept.
    a.set("late", computedBefore)
    expect(await a.get("late")).toBeUndefined()
  })

  it("drops everything when the log no longer holds all an instance missed", async () => {
    const a = await instance()
    a.set("kept", answer(a, ["product:prod_c"]))
    expect(await a.get("kept")).toBeDefined()
    // The sequence moved further than the log keeps (as after a long absence).
    const admin = clients[0]
    await admin.incrby("keel:catalog-cache:seq", 5000)
    await a.poll()
    expect(await a.get("kept")).toBeUndefined()
    expect(a.available).toBe(true)
  })
})
