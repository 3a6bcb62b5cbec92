import { ANALYTICS_MODULE } from "@keel/analytics/modules/analytics"
import { rollupAnalyticsWorkflow, sampleDatabaseLoadWorkflow } from "@keel/analytics/workflows"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import crypto from "crypto"
import http from "http"
import zlib from "zlib"
import { Client } from "pg"
import { eventually } from "../helpers/eventually"
import { catalog, germanAddress } from "../helpers/shop"
import { caller, newCustomer, shopSession, type Headers } from "../helpers/store-api"

jest.setTimeout(300_000)

// @keel/analytics as the app consumes it: a scripted day of shopping through the store API,
// the rollups and the metrics read from them, the ingest route's limits, and the signals.

type Step = "view" | "search_hit" | "search_miss" | "add" | "remove" | "checkout" | "shipping" | "payment" | "order" | "refund"

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any

/**
 * A PostHog capture endpoint on this machine: what posthog-node (inside Medusa's PostHog
 * analytics provider) sends, decoded. The app is started with POSTHOG_HOST pointing here.
 */
const posthogPort = 41_000 + (process.pid % 5_000)
const posthogReceived: { event: string; distinct_id: string; properties: Record<string, unknown> }[] = []
const posthog = http
  .createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on("data", (c) => chunks.push(c))
    req.on("end", () => {
      try {
        let body = Buffer.concat(chunks)
        if (body[0] === 0x1f && body[1] === 0x8b) body = zlib.gunzipSync(body)
        const json = JSON.parse(body.toString("utf8") || "{}")
        posthogReceived.push(...(json.batch ?? []))
      } catch {
        // not a capture call
      }
      res.setHeader("content-type", "application/json")
      res.end('{"status":1}')
    })
  })
  .listen(posthogPort, "127.0.0.1")
// Read when medusa-config is loaded, which is before the runner's own env applies.
process.env.POSTHOG_EVENTS_KEY = "phc_keel_test"
process.env.POSTHOG_HOST = `http://127.0.0.1:${posthogPort}`
afterAll(() => {
  posthog.close()
  delete process.env.POSTHOG_EVENTS_KEY
  delete process.env.POSTHOG_HOST
})

medusaIntegrationTestRunner({
  env: { MEILISEARCH_HOST: "", KEEL_SEARCH_STOCK_INDEX: "" },
  testSuite: ({ api, getContainer }) => {
    let store: Headers
    let admin: Headers
    let regionId: string
    let variantId: string
    let productId: string
    const call = caller(api, () => store)
    const service = () => getContainer().resolve(ANALYTICS_MODULE) as Any
    const findable = catalog.products[0].title.split(/\s+/).find((w) => /^[A-Za-z]{5,}$/.test(w))!

    beforeAll(async () => {
      ;({ store, admin, regionId } = await shopSession(api, getContainer()))
      const { data } = await api.get(`/store/products?limit=100&region_id=${regionId}&fields=id,variants.id,variants.inventory_quantity,variants.manage_inventory`, { headers: store })
      const product = data.products.find((p: Any) => p.variants.some((v: Any) => !v.manage_inventory || v.inventory_quantity > 20))
      productId = product.id
      variantId = product.variants.find((v: Any) => !v.manage_inventory || v.inventory_quantity > 20).id
      // The search index follows the seed through product events. (take: 0 counts without
      // hits, which the search log does not record: no stray search in the tests' data.)
      await eventually(
        () => api.post("/store/search", { entity: "product", filters: { q: findable }, pagination: { take: 0 } }, { headers: store }).then((r: Any) => r.data.results[0].metadata.count as number),
        (n: number) => n > 0,
        60_000
      )
    })

    const eventCount = async () => (await service().listAndCountAnalyticsEvents({}, { take: 1 }))[1] as number

    /** One storefront session doing these steps through the store API; returns its order when it ordered. */
    async function shop(session: string, steps: Step[]) {
      const headers = { ...store, "x-keel-session-id": session }
      let cartId: string | null = null
      let order: Any = null
      for (const step of steps) {
        if (step === "view") {
          const r = await call("post", "/store/analytics/events", { events: [{ event: "Product Viewed", properties: { product_id: productId } }] }, headers)
          expect(r.status).toBe(202)
        } else if (step === "search_hit" || step === "search_miss") {
          const q = step === "search_hit" ? findable : "qwxzvbnm"
          const r = await call("post", "/store/search", { entity: "product", filters: { q } }, headers)
          expect(r.data.results[0].hits.length > 0).toBe(step === "search_hit")
        } else if (step === "add") {
          const { data } = await api.post("/store/carts", { region_id: regionId }, { headers })
          cartId = data.cart.id
          expect((await call("post", `/store/carts/${cartId}/line-items`, { variant_id: variantId, quantity: 1 }, headers)).status).toBe(200)
        } else if (step === "remove") {
          // Takes the line out and puts it back: a removal, then a second add in the same session.
          const { data } = await api.get(`/store/carts/${cartId}`, { headers })
          expect((await call("delete", `/store/carts/${cartId}/line-items/${data.cart.items[0].id}`, undefined, headers)).status).toBe(200)
          expect((await call("post", `/store/carts/${cartId}/line-items`, { variant_id: variantId, quantity: 1 }, headers)).status).toBe(200)
        } else if (step === "checkout") {
          expect((await call("post", `/store/carts/${cartId}`, { email: `${session}@example.com`, shipping_address: germanAddress, billing_address: germanAddress }, headers)).status).toBe(200)
        } else if (step === "shipping") {
          const options = await call("get", `/store/shipping-options?cart_id=${cartId}`, undefined, headers)
          expect((await call("post", `/store/carts/${cartId}/shipping-methods`, { option_id: options.data.shipping_options[0].id }, headers)).status).toBe(200)
        } else if (step === "payment") {
          const collection = await call("post", "/store/payment-collections", { cart_id: cartId }, headers)
          expect((await call("post", `/store/payment-collections/${collection.data.payment_collection.id}/payment-sessions`, { provider_id: "pp_system_default" }, headers)).status).toBe(200)
        } else if (step === "order") {
          const done = await call("post", `/store/carts/${cartId}/complete`, {}, headers)
          expect(done.data.type).toBe("order")
          order = done.data.order
        } else if (step === "refund") {
          const { data } = await api.get(`/admin/orders/${order.id}?fields=*payment_collections.payments`, { headers: admin })
          const payment = data.order.payment_collections[0].payments[0]
          await api.post(`/admin/payments/${payment.id}/capture`, {}, { headers: admin })
          await api.post(`/admin/payments/${payment.id}/refund`, { amount: 5 }, { headers: admin })
        }
      }
      return order
    }

    async function overview(query = "") {
      const from = new Date(Date.now() - 24 * 3_600_000).toISOString()
      const to = new Date(Date.now() + 3_600_000).toISOString()
      const r = await call("get", `/admin/analytics/overview?from=${from}&to=${to}${query}`, undefined, admin)
      expect(r.status).toBe(200)
      return r.data
    }

    it("a scripted day of shopping gives exactly the funnel, conversion, AOV, abandonment and zero-result rate it should", async () => {
      const script: Record<string, Step[]> = {
        "day-session-buyer-1": ["view", "search_hit", "add", "checkout", "shipping", "payment", "order"],
        "day-session-leaves-at-shipping": ["view", "search_miss", "add", "checkout", "shipping"],
        "day-session-leaves-at-payment": ["view", "add", "remove", "checkout", "shipping", "payment"],
        "day-session-just-looks": ["view", "search_miss"],
        "day-session-buyer-2": ["view", "add", "checkout", "shipping", "payment", "order", "refund"],
        "day-session-searches-only": ["search_hit"],
      }
      const orders: Any[] = []
      for (const [session, steps] of Object.entries(script)) {
        const order = await shop(session, steps)
        if (order) orders.push(order)
      }
      // Expected numbers, from the script itself.
      const sessions = Object.values(script)
      const did = (step: Step) => sessions.filter((s) => s.includes(step)).length
      const searches = sessions.flat().filter((s) => s.startsWith("search")).length
      const misses = sessions.flat().filter((s) => s === "search_miss").length
      const searchers = sessions.filter((s) => s.some((x) => x.startsWith("search")))
      const revenue = orders.reduce((n, o) => n + Number(o.total), 0)

      // Orders, refunds and searches arrive through events: wait until they are all stored.
      await eventually(
        async () => (await service().listAnalyticsEvents({ name: ["Order Completed", "Order Refunded", "Products Searched"] }, { take: null })).length,
        (n) => n === did("order") + did("refund") + searches,
        30_000
      )
      await rollupAnalyticsWorkflow(getContainer()).run({ input: {} })
      const data = await overview()

      expect(data.kpis).toMatchObject({
        sessions: sessions.length,
        orders: did("order"),
        searches,
        zero_result_searches: misses,
        refunds: did("refund"),
      })
      expect(data.currency).toBe("eur")
      expect(data.kpis.revenue).toBeCloseTo(revenue, 2)
      expect(data.kpis.aov).toBeCloseTo(revenue / did("order"), 2)
      expect(data.kpis.conversion_rate).toBeCloseTo(did("order") / sessions.length, 6)
      expect(data.kpis.payment_abandonment_rate).toBeCloseTo((did("payment") - did("order")) / did("payment"), 6)
      expect(data.kpis.zero_result_rate).toBeCloseTo(misses / searches, 6)
      expect(data.kpis.search_conversion).toBeCloseTo(searchers.filter((s) => s.includes("order")).length / searchers.length, 6)
      expect(data.funnel.map((f: Any) => [f.step, f.sessions])).toEqual([
        ["view", did("view")],
        ["add", did("add")],
        ["checkout", did("checkout")],
        ["shipping", did("shipping")],
        ["payment", did("payment")],
        ["order", did("order")],
      ])
      expect(data.funnel[5].drop_off).toBeCloseTo(1 - did("order") / did("payment"), 6)
      expect(data.top_zero_result_queries).toEqual([{ query: "qwxzvbnm", searches: misses }])
      // Adds count every add (the session that took its line out and back added twice); the funnel counts sessions.
      expect(data.top_products[0]).toMatchObject({ product_id: productId, views: did("view"), adds: did("add") + did("remove"), units: did("order") })
      const removed = await service().listAnalyticsEvents({ name: "Product Removed" }, { take: null })
      expect(removed).toHaveLength(did("remove"))
      expect(removed[0].properties).toMatchObject({ cart_id: expect.stringMatching(/^cart_/), line_item_id: expect.any(String) })
      // Every order came from a new customer (each session used its own e-mail): one cohort, this month.
      expect(data.kpis).toMatchObject({ new_customer_orders: did("order"), returning_customer_orders: 0 })
      expect(data.cohorts).toEqual([{ cohort: new Date().toISOString().slice(0, 7), customers: did("order"), retention: [1] }])
      // No raw personal data in what was stored.
      const stored = JSON.stringify(await service().listAnalyticsEvents({}, { take: null }))
      for (const secret of ["@example.com", germanAddress.address_1, germanAddress.last_name, "day-session-buyer-1"]) {
        expect([secret, stored.includes(secret)]).toEqual([secret, false])
      }

      // CSV export of a metric.
      const csv = await call("get", `/admin/analytics/export?metric=funnel`, undefined, admin)
      expect(csv.status).toBe(200)
      expect(csv.headers["content-type"]).toMatch(/text\/csv/)
      expect(String(csv.data).split("\n")[0]).toBe("step,label,sessions,drop_off,conversion_from_start")
      expect(String(csv.data)).toContain(`payment,Entered payment,${did("payment")}`)
      // Admin only.
      expect((await call("get", "/admin/analytics/overview", undefined, store)).status).toBe(401)
    })

    it("rollups are idempotent and fold in late events within the window", async () => {
      const headers = { ...store, "x-keel-session-id": "late-session-a" }
      await call("post", "/store/analytics/events", { events: [{ event: "Product Viewed", properties: { product_id: productId } }] }, headers)
      await rollupAnalyticsWorkflow(getContainer()).run({ input: {} })
      const rows = async () =>
        (await service().readRollups("hour", new Date(Date.now() - 48 * 3_600_000), new Date(Date.now() + 3_600_000)))
          .map((r: Any) => `${r.bucket.toISOString()} ${r.metric} ${r.key} ${r.value}`)
          .sort()
      const first = await rows()
      expect(first.length).toBeGreaterThan(0)
      // Again, and again as a backfill of the same days: the same rows.
      await rollupAnalyticsWorkflow(getContainer()).run({ input: {} })
      expect(await rows()).toEqual(first)
      await rollupAnalyticsWorkflow(getContainer()).run({ input: { days: [new Date()] } })
      expect(await rows()).toEqual(first)
      expect((await overview()).kpis.sessions).toBe(1)

      // A view that happened 3 hours ago arrives now (a phone back online): folded into its hour.
      const late = new Date(Date.now() - 3 * 3_600_000)
      await call("post", "/store/analytics/events", { events: [{ event: "Product Viewed", timestamp: late.toISOString(), properties: { product_id: productId } }] }, { ...store, "x-keel-session-id": "late-session-b" })
      await rollupAnalyticsWorkflow(getContainer()).run({ input: {} })
      const data = await overview()
      expect(data.kpis.sessions).toBe(2)
      expect(data.funnel[0].sessions).toBe(2)
      const hour = new Date(Math.floor(late.getTime() / 3_600_000) * 3_600_000).toISOString()
      expect(data.series.find((p: Any) => p.bucket === hour).sessions).toBe(1)
      // An event older than the late window (imported, say) waits for a backfill of its days.
      const old = new Date(Date.now() - 5 * 86_400_000)
      await service().appendEvents([{ name: "Product Viewed", session_id: "imported-session", source: "server", occurred_at: old, properties: { product_id: productId } }])
      await rollupAnalyticsWorkflow(getContainer()).run({ input: {} })
      const week = (await call("get", `/admin/analytics/overview?from=${new Date(Date.now() - 7 * 86_400_000).toISOString()}`, undefined, admin)).data
      expect(week.kpis.sessions).toBe(2)
      const backfill = await call("post", "/admin/analytics/rollup", { from: new Date(Date.now() - 6 * 86_400_000).toISOString() }, admin)
      expect(backfill.status).toBe(200)
      expect(backfill.data.rollup.days.length).toBeGreaterThanOrEqual(6)
      expect((await call("get", `/admin/analytics/overview?from=${new Date(Date.now() - 7 * 86_400_000).toISOString()}`, undefined, admin)).data.kpis.sessions).toBe(3)
      expect((await call("post", "/admin/analytics/rollup", { to: new Date().toISOString() }, admin)).status).toBe(400)
      // One older than the late window (48 h) is refused at the door rather than silently dropped.
      const tooLate = new Date(Date.now() - 49 * 3_600_000).toISOString()
      expect((await call("post", "/store/analytics/events", { events: [{ event: "Product Viewed", timestamp: tooLate }] }, { ...store, "x-keel-session-id": "late-session-c" })).status).toBe(400)
    })

    it("the ingest route refuses malformed, oversize and too frequent batches with 4xx/429, storing nothing from them", async () => {
      const headers = { ...store, "x-keel-session-id": "ingest-session-1" }
      const view = { event: "Product Viewed", properties: { product_id: productId } }
      const before = await eventCount()
      const refused: [string, unknown, Headers, number][] = [
        ["no session", { events: [view] }, store, 400],
        ["no events", { events: [] }, headers, 400],
        ["an event the backend captures itself", { events: [{ event: "Order Completed", properties: { total: 1_000_000 } }] }, headers, 400],
        ["an unknown event", { events: [{ event: "Got Rich" }] }, headers, 400],
        ["a field that is not ours", { events: [view], extra: true }, headers, 400],
        ["a bad timestamp", { events: [{ ...view, timestamp: "yesterday-ish" }] }, headers, 400],
        ["properties over 4 kB", { events: [{ ...view, properties: { blob: "x".repeat(5000) } }] }, headers, 400],
        ["101 events", { events: Array.from({ length: 101 }, () => view) }, headers, 400],
        ["a body over 512 kB", { events: Array.from({ length: 100 }, () => ({ ...view, properties: { blob: "y".repeat(4000) } })), pad: "z".repeat(200_000) }, headers, 413],
        ["one bad event among good ones", { events: [view, view, { event: "Nope" }] }, headers, 400],
      ]
      for (const [what, body, h, status] of refused) {
        const r = await call("post", "/store/analytics/events", body, h)
        expect([what, r.status]).toEqual([what, status])
      }
      // The refusal of a server-side event says why, not that an event is missing.
      const serverOnly = await call("post", "/store/analytics/events", { events: [view, { event: "Order Completed" }] }, headers)
      expect(serverOnly.data.message).toBe(
        "Invalid request: Field 'events, 1, event' must be an event the storefront captures: Product Viewed, Product List Viewed, Cart Viewed (the backend captures the rest itself)"
      )
      expect(await eventCount()).toBe(before)

      // 60 batches a minute per session, then 429 with Retry-After; other sessions are not held up.
      const limited = { ...store, "x-keel-session-id": "ingest-session-busy" }
      for (let i = 0; i < 60; i++) {
        expect((await call("post", "/store/analytics/events", { events: [view] }, limited)).status).toBe(202)
      }
      const tooMany = await call("post", "/store/analytics/events", { events: [view, view] }, limited)
      expect(tooMany.status).toBe(429)
      expect(Number(tooMany.headers["retry-after"])).toBeGreaterThan(0)
      expect(await eventCount()).toBe(before + 60)
      expect((await call("post", "/store/analytics/events", { events: [view] }, { ...store, "x-keel-session-id": "ingest-session-calm" })).status).toBe(202)
      // Personal data in properties is dropped or masked before storage.
      await call("post", "/store/analytics/events", { events: [{ ...view, properties: { product_id: productId, email: "a@b.co", note: "mail me at c@d.co" } }] }, { ...store, "x-keel-session-id": "ingest-session-pii" })
      const [latest] = await service().listAnalyticsEvents({}, { order: { received_at: "DESC", id: "DESC" }, take: 1 })
      expect(latest.properties).toEqual({ product_id: productId, note: "mail me at [email]" })
    })

    it("captures wishlist adds and reviews from the plugins' events, for the customer", async () => {
      const { headers, id } = await newCustomer(api, store, "Wren")
      const { data } = await api.get("/store/wishlists", { headers })
      const list = data.wishlists[0]
      expect((await call("post", `/store/wishlists/${list.id}/items`, { variant_id: variantId }, headers)).status).toBe(201)
      // The same variant again updates its line: not a second add.
      expect((await call("post", `/store/wishlists/${list.id}/items`, { variant_id: variantId, quantity: 2 }, headers)).status).toBe(201)
      expect((await call("post", `/store/products/${productId}/reviews`, { rating: 4, title: "Solid", content: "Does what it says." }, headers)).status).toBe(201)
      const captured = await eventually(
        async () => service().listAnalyticsEvents({ name: ["Product Added to Wishlist", "Product Reviewed"] }, { take: null }),
        (events: Any[]) => events.length >= 2,
        20_000
      )
      await new Promise((r) => setTimeout(r, 1000))
      const events = await service().listAnalyticsEvents({ name: ["Product Added to Wishlist", "Product Reviewed"] }, { take: null })
      expect(events.map((e: Any) => e.name).sort()).toEqual(["Product Added to Wishlist", "Product Reviewed"])
      expect(captured.every((e: Any) => e.customer_id === id)).toBe(true)
      expect(events.find((e: Any) => e.name === "Product Reviewed").properties).toMatchObject({ product_id: productId, rating: 4 })
      expect(events.find((e: Any) => e.name === "Product Added to Wishlist").properties).toMatchObject({ product_id: productId, variant_id: variantId })
    })

    it("forwards each stored event to PostHog through Medusa's Analytics Module, the session as the actor", async () => {
      const session = "forward-session-1"
      const r = await call("post", "/store/analytics/events", { events: [{ event: "Product Viewed", properties: { product_id: productId } }] }, { ...store, "x-keel-session-id": session })
      expect(r.status).toBe(202)
      const hashed = crypto.createHash("sha256").update(session).digest("hex").slice(0, 32)
      // posthog-node sends in batches, at the latest every 10 s.
      const sent = await eventually(async () => posthogReceived.filter((e) => e.distinct_id === hashed), (found) => found.length > 0, 30_000)
      expect(sent[0]).toMatchObject({ event: "Product Viewed", properties: { product_id: productId, $session_id: hashed, source: "storefront" } })
    })

    it("each signal flips from ok to act when test data crosses its threshold", async () => {
      const signals = async () => {
        const r = await call("get", "/admin/analytics/signals", undefined, admin)
        expect(r.status).toBe(200)
        return Object.fromEntries(r.data.signals.map((s: Any) => [s.id, s]))
      }
      const searchAs = (session: string, q: string) => call("post", "/store/search", { entity: "product", filters: { q } }, { ...store, "x-keel-session-id": session })
      const searchesStored = (n: number) => eventually(async () => (await service().listAnalyticsEvents({ name: "Products Searched" }, { take: null })).length, (c) => c >= n, 30_000)

      // Zero-result searches: 10 found, then 0 of 0 missing → ok; 10 more that find nothing → 50 % → act.
      for (let i = 0; i < 10; i++) await searchAs(`signal-s${i}`, findable)
      await searchesStored(10)
      // Payment step: 4 sessions reach it, 3 order → 25 % → ok.
      const reach = (session: string, ordered: boolean) => [
        { name: "Checkout Step Completed", session_id: session, source: "server", properties: { step: "payment" } },
        ...(ordered ? [{ name: "Order Completed", session_id: session, source: "server", properties: { total: 10, currency: "eur" } }] : []),
      ]
      await service().appendEvents([...reach("pay-1", true), ...reach("pay-2", true), ...reach("pay-3", true), ...reach("pay-4", false)])
      // Database load: two quiet samples a minute apart.
      const t0 = Date.now()
      await sampleDatabaseLoadWorkflow(getContainer()).run({ input: { now: new Date(t0 - 120_000) } })
      await sampleDatabaseLoadWorkflow(getContainer()).run({ input: { now: new Date(t0 - 60_000) } })
      await rollupAnalyticsWorkflow(getContainer()).run({ input: {} })
      const quiet = await signals()
      expect(quiet.zero_result_search).toMatchObject({ status: "ok", value: 0 })
      expect(quiet.payment_abandonment).toMatchObject({ status: "ok", value: 0.25 })
      expect(quiet.database_load.status).toBe("ok")

      for (let i = 0; i < 10; i++) await searchAs(`signal-m${i}`, `zzqx${i}vvk`)
      await searchesStored(20)
      await service().appendEvents([...reach("pay-5", false), ...reach("pay-6", false), ...reach("pay-7", false), ...reach("pay-8", false)])
      // A burst: 3,000 transactions in the second before the next sample, on a connection of
      // its own that then closes (PostgreSQL publishes a backend's counts when it exits).
      const knex = getContainer().resolve("__pg_connection__") as Any
      const committed = async () => Number((await knex.raw("select xact_commit from pg_stat_database where datname = current_database()")).rows[0].xact_commit)
      const start = await committed()
      const burst = new Client({
        host: process.env.DB_HOST,
        port: Number(process.env.DB_PORT || 5432),
        user: process.env.DB_USERNAME,
        password: process.env.DB_PASSWORD || undefined,
        database: (await knex.raw("select current_database() as db")).rows[0].db,
      })
      await burst.connect()
      for (let i = 0; i < 3000; i++) await burst.query("select 1")
      await burst.end()
      await eventually(committed, (n) => n >= start + 3000, 20_000, 200)
      await sampleDatabaseLoadWorkflow(getContainer()).run({ input: { now: new Date(t0 - 59_000) } })
      await rollupAnalyticsWorkflow(getContainer()).run({ input: {} })
      const busy = await signals()
      expect(busy.zero_result_search).toMatchObject({ status: "act", value: 0.5, trend: null })
      expect(busy.zero_result_search.evidence.map((e: Any) => e.label)).toContain("“zzqx0vvk”")
      expect(busy.payment_abandonment).toMatchObject({ status: "act", value: 5 / 8 })
      expect(busy.database_load.status).toBe("act")
      expect(busy.database_load.value).toBeGreaterThanOrEqual(500)
      expect(busy.database_load.peaks[0].tps).toBeGreaterThanOrEqual(500)
      for (const s of Object.values(busy) as Any[]) expect(s.action.length).toBeGreaterThan(20)
      // Keel's app gives the advice in its own words and names its cache header (medusa-config.ts);
      // the plugin's defaults name no app's settings.
      expect(busy.database_load.action).toContain("KEEL_CACHE_TTL")
      expect(busy.payment_abandonment.action).not.toContain("KEEL_")
      expect(busy.database_load.evidence.find((e: Any) => e.label === "Catalog cache hit ratio").value).not.toMatch(/not measured/)
    })
  },
})
