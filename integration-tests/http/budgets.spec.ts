import sharp from "sharp"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ANALYTICS_MODULE } from "@keel/analytics/modules/analytics"
import { rawRequest, type RawBody, type RawReply } from "../helpers/fuzz"
import { newCustomer, shopSession, type Headers } from "../helpers/store-api"

jest.setTimeout(300_000)

// Budgets (rate limits) a client cannot rename its way out of, with their documented defaults:
// counted per client address (and per customer), never only per an id the client picks. The
// client's address is the socket's; X-Forwarded-For counts only from a trusted proxy. Here the
// trusted proxy is 127.0.0.2 (a storefront server calling for its shoppers); 127.0.0.1 is a
// shopper calling directly. Set before the runner loads medusa-config.
process.env.KEEL_TRUSTED_PROXIES = "127.0.0.2"
const PROXY = "127.0.0.2"
const DIRECT = "127.0.0.1"

medusaIntegrationTestRunner({
  env: { MEILISEARCH_HOST: "", KEEL_SEARCH_STOCK_INDEX: "" },
  testSuite: ({ api, getContainer }) => {
    let port: number
    let store: Headers
    let products: { id: string; variants: { id: string }[] }[]

    /** A JSON request from `from`, with X-Forwarded-For when given. */
    const send = (method: string, path: string, body: unknown, headers: Headers, from = DIRECT, forwardedFor?: string) =>
      rawRequest(
        port,
        method,
        path,
        { ...headers, ...(forwardedFor ? { "x-forwarded-for": forwardedFor } : {}) },
        body === undefined ? undefined : { contentType: "application/json", body: Buffer.from(JSON.stringify(body)) },
        from
      )
    const statuses = (replies: { status: number }[]) => replies.map((r) => r.status)

    beforeAll(async () => {
      port = Number(new URL(api.defaults.baseURL).port)
      ;({ store } = await shopSession(api, getContainer()))
      products = (await api.get("/store/products?limit=10&fields=id,variants.id", { headers: store })).data.products
    })

    it("analytics ingest: one address rotating session ids is limited (120 batches a minute), its X-Forwarded-For ignored; behind the trusted proxy, shoppers are told apart", async () => {
      const events = [{ event: "Product Viewed", properties: { product_id: products[0].id } }]
      const batch = (session: string, from?: string, forwardedFor?: string) => send("POST", "/store/analytics/events", { session_id: session, events }, store, from, forwardedFor)
      const service = getContainer().resolve(ANALYTICS_MODULE) as { listAndCountAnalyticsEvents: (f: object, c: object) => Promise<[unknown[], number]> }
      const stored = async () => (await service.listAndCountAnalyticsEvents({}, { take: 1 }))[1]

      const accepted: RawReply[] = []
      for (let i = 0; i < 120; i++) accepted.push(await batch(`rotating-session-${i}`))
      expect(new Set(statuses(accepted))).toEqual(new Set([202]))
      const before = await stored()
      const refused = await batch("rotating-session-120")
      expect(refused.status).toBe(429)
      expect(Number(refused.headers["retry-after"])).toBeGreaterThan(0)
      expect(JSON.parse(refused.body)).toEqual({ type: "too_many_requests", message: expect.stringMatching(/session or address; retry after \d+ s/) })
      // Naming another address is no way out for a client that is not a trusted proxy.
      expect((await batch("rotating-session-121", DIRECT, "203.0.113.77")).status).toBe(429)
      expect(await stored()).toBe(before)

      // Through the trusted proxy, each shopper it names has a budget of their own.
      const shopperA: RawReply[] = []
      for (let i = 0; i < 120; i++) shopperA.push(await batch(`shopper-a-${i}`, PROXY, "198.51.100.1"))
      expect(new Set(statuses(shopperA))).toEqual(new Set([202]))
      expect((await batch("shopper-a-120", PROXY, "198.51.100.1")).status).toBe(429)
      expect((await batch("shopper-b-0", PROXY, "198.51.100.2")).status).toBe(202)
      // The proxy's hop is what counts, not what the shopper wrote in front of it.
      expect((await batch("shopper-a-121", PROXY, "6.6.6.6, 198.51.100.1")).status).toBe(429)
    })

    it("reviews: a customer writes 5 in 5 minutes (a refused one is given back), an address 30 attempts in 10 minutes", async () => {
      const ann = await newCustomer(api, store, "Ann", "ann@example.com")
      const review = (product: string, headers: Headers, forwardedFor = "198.51.100.10") =>
        send("POST", `/store/products/${product}/reviews`, { rating: 4, content: "Soft and warm." }, headers, PROXY, forwardedFor)
      expect((await review(products[0].id, ann.headers)).status).toBe(201)
      // Second reviews of one product are 409s: they do not count against her.
      expect(statuses(await Promise.all([0, 1, 2].map(() => review(products[0].id, ann.headers))))).toEqual([409, 409, 409])
      const written: RawReply[] = []
      for (const product of products.slice(1, 5)) written.push(await review(product.id, ann.headers))
      expect(statuses(written)).toEqual([201, 201, 201, 201])
      const sixth = await review(products[5].id, ann.headers)
      expect(sixth.status).toBe(429)
      expect(Number(sixth.headers["retry-after"])).toBeGreaterThan(200)
      // Another customer behind the same proxy from another address is not held up by Ann.
      const bob = await newCustomer(api, store, "Bob", "bob@example.com")
      expect((await review(products[5].id, bob.headers, "198.51.100.11")).status).toBe(201)

      // From one address, new accounts do not help: 30 attempts, whoever makes them (Ann's nine above among them).
      const attempts: RawReply[] = []
      for (let i = 0; i < 21; i++) attempts.push(await review(products[5].id, bob.headers))
      expect(new Set(statuses(attempts))).toEqual(new Set([409]))
      const cy = await newCustomer(api, store, "Cy", "cy@example.com")
      expect((await review(products[6].id, cy.headers)).status).toBe(429)
      expect((await review(products[6].id, cy.headers, "198.51.100.12")).status).toBe(201)
    })

    it("review photos: a customer uploads 20 times in 10 minutes, then 429 before the body is read", async () => {
      const dee = await newCustomer(api, store, "Dee", "dee@example.com")
      const png = await sharp({ create: { width: 4, height: 4, channels: 3, background: "#123456" } }).png().toBuffer()
      const boundary = "----keelbudget"
      const body: RawBody = {
        contentType: `multipart/form-data; boundary=${boundary}`,
        body: Buffer.concat([
          Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="p.png"\r\nContent-Type: image/png\r\n\r\n`),
          png,
          Buffer.from(`\r\n--${boundary}--\r\n`),
        ]),
      }
      const upload = () => rawRequest(port, "POST", "/store/reviews/media", dee.headers, body, PROXY)
      const uploads: RawReply[] = []
      for (let i = 0; i < 20; i++) uploads.push(await upload())
      expect(new Set(statuses(uploads))).toEqual(new Set([201]))
      expect((await upload()).status).toBe(429)
    })

    it("wishlists: share-link lookups 60 a minute and guest-token requests 300 a minute per address", async () => {
      const lookup = (forwardedFor: string) => send("GET", "/store/shared-wishlists/not-a-real-share-token-0000000000000000", undefined, store, PROXY, forwardedFor)
      const guesses: RawReply[] = []
      for (let i = 0; i < 60; i++) guesses.push(await lookup("198.51.100.20"))
      expect(new Set(statuses(guesses))).toEqual(new Set([404]))
      expect((await lookup("198.51.100.20")).status).toBe(429)
      expect((await lookup("198.51.100.21")).status).toBe(404)

      const guest = await send("POST", "/store/wishlists", { name: "Guest list" }, store, PROXY, "198.51.100.30")
      expect(guest.status).toBe(201)
      const { wishlist, guest_token } = JSON.parse(guest.body)
      const withToken = (forwardedFor: string, token = guest_token) => send("GET", `/store/wishlists/${wishlist.id}`, undefined, { ...store, "x-wishlist-token": token }, PROXY, forwardedFor)
      const reads: RawReply[] = []
      for (let i = 0; i < 300; i++) reads.push(await withToken("198.51.100.31", i % 2 ? guest_token : `guessed-token-${i}`))
      expect(new Set(statuses(reads))).toEqual(new Set([200, 404]))
      expect((await withToken("198.51.100.31")).status).toBe(429)
      expect((await withToken("198.51.100.32")).status).toBe(200)
      // A header that cannot be a token is a 400, and costs nothing.
      expect((await withToken("198.51.100.32", "x".repeat(500))).status).toBe(400)
    })
  },
})
