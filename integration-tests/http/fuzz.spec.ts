import fc from "fast-check"
import sharp from "sharp"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { signReviewLink } from "@keel/reviews/lib/review-link"
import { encoded, nastyJson, nastyMultipart, nastyObject, nastyQuery, nastyRawBody, nastySegment, rawRequest, type RawBody } from "../helpers/fuzz"
import { keelRoutes, routeUrl, routeVocabulary, validatorFieldNames, type Method, type Route } from "../helpers/routes"
import { caller, newCustomer, shopSession, type Headers } from "../helpers/store-api"

jest.setTimeout(60 * 60_000)

// Property-based fuzzing of every Keel route, found from the route files (a new route is covered
// without editing this file), and of a fixed sample of Medusa's own routes: generated malformed
// paths, query strings, JSON, raw and multipart bodies, sent as an anonymous shopper, a customer
// and an admin. Every answer must be below 500, and a refused request (4xx) must not have written
// a single row (a trigger on every table logs each write). FUZZ_RUNS sets the cases per route and
// actor, FUZZ_SEED replays a run (each route's own seed is in its failure message).

const RUNS = Number(process.env.FUZZ_RUNS || 6)
const SEED = Number(process.env.FUZZ_SEED || Math.floor(Math.random() * 2 ** 31))
console.log(`fuzz: seed ${SEED}, ${RUNS} cases per route and actor (replay with FUZZ_SEED=${SEED}; more with FUZZ_RUNS)`)

// Clients are told apart by address: each case comes from its own, through a trusted proxy (set
// before the runner loads medusa-config), so the budgets stay out of the way of the fuzzing.
process.env.KEEL_TRUSTED_PROXIES = "loopback"

const route = (method: Method, path: string): Route => ({ method, path, params: [...path.matchAll(/:(\w+)/g)].map((m) => m[1]), file: "(Medusa)", source: "Medusa" })

/** A fixed sample of Medusa's own routes: the guard stands in front of them too. */
const MEDUSA_ROUTES: Route[] = [
  route("GET", "/store/products"),
  route("GET", "/store/products/:id"),
  route("GET", "/store/regions/:id"),
  route("GET", "/store/product-categories"),
  route("GET", "/store/collections/:id"),
  route("POST", "/store/search"),
  route("POST", "/store/carts"),
  route("GET", "/store/carts/:id"),
  route("POST", "/store/carts/:id/line-items"),
  route("POST", "/store/carts/:id/complete"),
  route("POST", "/store/customers"),
  route("GET", "/store/customers/me"),
  route("POST", "/auth/customer/emailpass"),
  route("GET", "/admin/products"),
  route("GET", "/admin/products/:id"),
  route("POST", "/admin/products/:id"),
  route("GET", "/admin/orders"),
  route("GET", "/admin/regions/:id"),
]
const KEEL_ROUTES = keelRoutes()
const ROUTES = [...KEEL_ROUTES, ...MEDUSA_ROUTES]
// Every field any Keel validator names, and Medusa's common ones: for routes whose own fields are not known.
const FIELDS = [...new Set([...validatorFieldNames(), "q", "filters", "entity", "fields", "email", "password", "handle", "region_id", "variant_id", "quantity", "locale"])]
// Values Keel's routes take that their validators do not spell out (event names, search entities, providers).
const LITERALS = ["Product Viewed", "Product List Viewed", "Cart Viewed", "product", "pp_system_default", "eur", "usd", "2026-12-04", "true", "false", "1", "20"]

/** Tables written in the background on a timer, whatever the requests do. */
const BACKGROUND_TABLES = ["workflow_execution", "keel_analytics_db_sample"]

type Actor = "anonymous" | "customer" | "admin"
type Case = { actor: Actor; params: string[]; query: string | null; body: RawBody | null; forwardedFor: string; extraHeaders: Record<string, string> }

medusaIntegrationTestRunner({
  env: { MEILISEARCH_HOST: "", KEEL_SEARCH_STOCK_INDEX: "" },
  testSuite: ({ api, getContainer, dbConnection }) => {
    let port: number
    const headers: Record<Actor, Headers> = { anonymous: {}, customer: {}, admin: {} }
    // Real ids by the path segment before the parameter, so cases also reach past "not found".
    const known: Record<string, string> = {}
    const totals = { cases: 0, started: 0, byStatus: {} as Record<string, number> }

    const sql = (text: string, bindings: unknown[] = []) => dbConnection.raw(text, bindings) as Promise<{ rows: Record<string, unknown>[] }>
    const lastWrite = async () => Number((await sql("SELECT coalesce(max(id), 0) AS id FROM keel_fuzz_write")).rows[0].id)
    const writesAfter = async (id: number) =>
      (await sql("SELECT table_name, op, count(*)::int AS n FROM keel_fuzz_write WHERE id > ? AND NOT (table_name = ANY(?)) GROUP BY 1, 2", [id, BACKGROUND_TABLES])).rows

    /** Waits until nothing has been written for `quietMs` (subscribers and batched logs of an accepted request). */
    async function settle(quietMs: number) {
      let last = await lastWrite()
      let quietSince = Date.now()
      const deadline = Date.now() + 10_000
      while (Date.now() - quietSince < quietMs && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 100))
        const now = await lastWrite()
        if (now !== last) {
          last = now
          quietSince = Date.now()
        }
      }
    }

    beforeAll(async () => {
      const container = getContainer()
      port = Number(new URL(api.defaults.baseURL).port)
      const session = await shopSession(api, container)
      const call = caller(api, () => session.store)
      const customer = await newCustomer(api, session.store, "Fuzz", "fuzz@example.com")
      headers.anonymous = session.store
      headers.customer = customer.headers
      headers.admin = { ...session.store, authorization: session.admin.authorization }

      const products = await api.get("/store/products?limit=2&fields=id,variants.id,collection_id", { headers: session.store })
      const product = products.data.products[0]
      known.products = product.id
      known.regions = session.regionId
      const review = await call("post", `/store/products/${product.id}/reviews`, { rating: 4, content: "Warm and soft." }, customer.headers)
      known.reviews = review.data.review.id
      const wishlist = await call("post", "/store/wishlists", { name: "Fuzz list" }, customer.headers)
      known.wishlists = wishlist.data.wishlist.id
      const item = await call("post", `/store/wishlists/${known.wishlists}/items`, { variant_id: product.variants[0].id }, customer.headers)
      known.items = item.data.wishlist.items[0].id
      const share = await call("post", `/store/wishlists/${known.wishlists}/share`, {}, customer.headers)
      known["shared-wishlists"] = share.data.token
      const cart = await call("post", "/store/carts", { region_id: session.regionId }, customer.headers)
      known.carts = cart.data.cart.id
      const synonym = await call("post", "/admin/search/synonyms", { terms: ["jumper", "sweater"] }, headers.admin)
      known.synonyms = synonym.data.synonym.id
      const stopWord = await call("post", "/admin/search/stop-words", { word: "the" }, headers.admin)
      known["stop-words"] = stopWord.data.stop_word.id
      await call("post", `/admin/products/${product.id}/purchase-limit`, { max_quantity: 3 }, headers.admin)
      const png = await sharp({ create: { width: 32, height: 32, channels: 3, background: "#884422" } }).png().toBuffer()
      const form = new FormData()
      form.append("files", new Blob([png], { type: "image/png" }), "swatch.png")
      const upload = await fetch(`${api.defaults.baseURL}/admin/uploads`, { method: "POST", headers: { authorization: session.admin.authorization }, body: form })
      known.uploads = encoded(((await upload.json()) as { files: { id: string }[] }).files[0].id)
      known["review-requests"] = await signReviewLink(
        { request_id: "revreq_fuzz", order_id: "order_fuzz", product_id: product.id, customer_id: customer.id },
        process.env.JWT_SECRET || "supersecret",
        3600
      )
      known.collections = product.collection_id ?? "pcol_missing"
      known.payment = "stripe_stripe"
      for (const [name, value] of Object.entries(known)) {
        if (!value) throw new Error(`fuzz setup: no ${name} id`)
      }

      // Every write to every table from here on is logged (transactional: a rolled-back write leaves nothing).
      await sql(`
        CREATE TABLE keel_fuzz_write (id bigserial PRIMARY KEY, table_name text NOT NULL, op text NOT NULL);
        CREATE FUNCTION keel_fuzz_log() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN INSERT INTO keel_fuzz_write (table_name, op) VALUES (TG_TABLE_NAME, TG_OP); RETURN NULL; END $$;
        DO $$ DECLARE t record; BEGIN
          FOR t IN SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                   WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND c.relname <> 'keel_fuzz_write'
          LOOP
            EXECUTE format('CREATE TRIGGER keel_fuzz_write AFTER INSERT OR UPDATE OR DELETE ON public.%I FOR EACH ROW EXECUTE FUNCTION keel_fuzz_log()', t.relname);
          END LOOP;
        END $$;`)
      await getContainer().resolve(ContainerRegistrationKeys.LOGGER).info("fuzz: write log installed")
      await settle(1500)
      totals.started = Date.now()
    })

    afterAll(() => {
      const seconds = ((Date.now() - totals.started) / 1000).toFixed(0)
      console.log(
        `fuzz: ${ROUTES.length} routes (${KEEL_ROUTES.length} Keel, ${MEDUSA_ROUTES.length} Medusa), ${totals.cases} cases in ${seconds} s; answers: ${JSON.stringify(totals.byStatus)}`
      )
    })

    function caseFor(target: Route): fc.Arbitrary<Case> {
      const hasBody = target.method !== "GET" && target.method !== "DELETE"
      const own = routeVocabulary(target)
      const vocabulary = { fields: own.fields.length ? own.fields : FIELDS, literals: [...own.literals, ...LITERALS], ids: Object.values(known) }
      // Mostly the actor the route is for: an admin route's anonymous cases stop at 401.
      const isAdmin = target.path.startsWith("/admin")
      return fc.record({
        actor: fc.oneof(
          { weight: isAdmin ? 1 : 2, arbitrary: fc.constant<Actor>("anonymous") },
          { weight: isAdmin ? 1 : 2, arbitrary: fc.constant<Actor>("customer") },
          { weight: isAdmin ? 4 : 1, arbitrary: fc.constant<Actor>("admin") }
        ),
        params: fc.tuple(
          ...target.params.map((_, i) => {
            const before = target.path.split("/")[target.path.split("/").indexOf(`:${target.params[i]}`) - 1] ?? ""
            return known[before] ? fc.oneof(fc.constant(known[before]), nastySegment) : nastySegment
          })
        ),
        query: fc.option(nastyQuery(vocabulary), { freq: 2 }),
        body: hasBody
          ? fc.oneof(
              { weight: 5, arbitrary: nastyObject(vocabulary).map((o) => ({ contentType: "application/json", body: Buffer.from(JSON.stringify(o)) })) },
              { weight: 1, arbitrary: nastyJson(vocabulary).map((v) => ({ contentType: "application/json", body: Buffer.from(JSON.stringify(v) ?? "null") })) },
              { weight: 2, arbitrary: nastyRawBody },
              { weight: 2, arbitrary: nastyMultipart }
            )
          : fc.constant(null),
        forwardedFor: fc.oneof(
          { weight: 8, arbitrary: fc.ipV4() },
          { weight: 1, arbitrary: fc.constantFrom("garbage", "999.1.1.1, 10.0.0.1", "::1", ", ,", "1.2.3.4, not-an-ip") }
        ),
        extraHeaders: fc.record(
          { "x-wishlist-token": fc.constantFrom("bogus", "x".repeat(5000), ""), "x-keel-session-id": fc.constantFrom("s", "session-1234567", "x".repeat(5000)) },
          { requiredKeys: [] }
        ),
      }) as fc.Arbitrary<Case>
    }

    const sendAs = (actor: Actor, method: Method, url: string) => rawRequest(port, method, url, { ...headers[actor], "x-forwarded-for": "192.0.2.1" })
    const UNKNOWN = "keel_01JNOTHINGHERE0000000000"

    it("the write log sees what a request writes (else 'a refusal writes nothing' would hold trivially)", async () => {
      const before = await lastWrite()
      const made = await rawRequest(port, "POST", "/store/wishlists", headers.customer, { contentType: "application/json", body: Buffer.from('{"name":"Seen"}') })
      expect(made.status).toBe(201)
      expect((await writesAfter(before)).map((w) => w.table_name)).toContain("keel_wishlist")
    })

    it("every Keel admin route refuses an anonymous shopper and a customer's token with 401, writing nothing", async () => {
      for (const target of KEEL_ROUTES.filter((r) => r.path.startsWith("/admin"))) {
        const url = routeUrl(target, (_param, before) => known[before] ?? UNKNOWN)
        for (const actor of ["anonymous", "customer"] as const) {
          const before = await lastWrite()
          const reply = await sendAs(actor, target.method, url)
          expect([target.method, target.path, actor, reply.status]).toEqual([target.method, target.path, actor, 401])
          expect(await writesAfter(before)).toEqual([])
        }
      }
    })

    it("every Keel DELETE route answers 404 for what does not exist, writing nothing", async () => {
      const deletes = KEEL_ROUTES.filter((r) => r.method === "DELETE")
      expect(deletes.length).toBeGreaterThanOrEqual(8)
      const notFound = async (target: Route, url: string) => {
        const before = await lastWrite()
        const reply = await sendAs(target.path.startsWith("/admin") ? "admin" : "customer", "DELETE", url)
        expect([url, reply.status]).toEqual([url, 404])
        expect(await writesAfter(before)).toEqual([])
      }
      for (const target of deletes) {
        // Every parameter well-formed and unknown.
        await notFound(target, routeUrl(target, () => UNKNOWN))
        // The parents real, the thing itself unknown.
        const last = target.params[target.params.length - 1]
        if (last && target.path.endsWith(`:${last}`) && target.params.length > 1) {
          await notFound(target, routeUrl(target, (param, before) => (param === last ? UNKNOWN : known[before])))
        }
      }
      // A real parent without the thing: a review without a reply; a product whose limit is already removed.
      await notFound(route("DELETE", "/admin/reviews/:id/reply"), `/admin/reviews/${known.reviews}/reply`)
      expect((await sendAs("admin", "DELETE", `/admin/products/${known.products}/purchase-limit`)).status).toBe(200)
      await notFound(route("DELETE", "/admin/products/:id/purchase-limit"), `/admin/products/${known.products}/purchase-limit`)
    })

    it("answers what the release-hardening probe found with a 4xx, storing nothing", async () => {
      const json = (body: unknown): RawBody => ({ contentType: "application/json", body: Buffer.from(JSON.stringify(body)) })
      const cases: [Actor, Method, string, RawBody | undefined, number][] = [
        // Dates past year 9999 and a boolean taken for a date.
        ["admin", "GET", "/admin/analytics/overview?from=99999-01-01", undefined, 400],
        ["admin", "GET", "/admin/reviews?created_after=99999-01-01", undefined, 400],
        ["admin", "GET", "/admin/search/queries?from=99999-01-01", undefined, 400],
        ["admin", "POST", `/admin/products/${known.products}/purchase-limit`, json({ max_quantity: 2, starts_at: "99999-01-01" }), 400],
        ["admin", "POST", `/admin/products/${known.products}/purchase-limit`, json({ max_quantity: 2, starts_at: true }), 400],
        // A lone surrogate in an analytics property; a NUL in a path id, a query value, a JSON string.
        ["anonymous", "POST", "/store/analytics/events", json({ session_id: "session-surrogate", events: [{ event: "Product Viewed", properties: { label: "a\ud800" } }] }), 400],
        ["customer", "GET", "/store/wishlists/%00", undefined, 400],
        ["anonymous", "GET", "/store/products?q=a%00b", undefined, 400],
        ["customer", "POST", "/store/wishlists", json({ name: "list\u0000" }), 400],
        // Broken percent-encoding in a path segment, on Keel's routes and Medusa's.
        ["anonymous", "GET", `/store/products/${known.products}/reviews/%E0%A4%A`, undefined, 400],
        ["anonymous", "GET", "/store/products/%E0%A4%A", undefined, 400],
        ["anonymous", "GET", "/store/regions/%00", undefined, 400],
        ["admin", "GET", "/admin/products/%00", undefined, 400],
        // A search query that is not a string.
        ["anonymous", "POST", "/store/search", json({ entity: "product", filters: { q: { $ne: "" } } }), 400],
        // An id too long for the filesystem.
        ["admin", "DELETE", `/admin/uploads/${"a".repeat(5000)}`, undefined, 400],
        // What this suite found in Medusa's own routes: values its validators pass on to the database or the ORM.
        ["admin", "GET", "/store/product-categories?created_at=next-week", undefined, 400],
        ["admin", "GET", "/admin/orders?status=eur", undefined, 400],
        ["admin", "GET", "/admin/products?order=0x10", undefined, 400],
        ["anonymous", "GET", "/store/products?locale[]=en", undefined, 400],
      ]
      for (const [actor, method, url, body, status] of cases) {
        const before = await lastWrite()
        const reply = await rawRequest(port, method, url, { ...headers[actor], "x-forwarded-for": "192.0.2.2" }, body)
        expect([method, url.slice(0, 80), reply.status]).toEqual([method, url.slice(0, 80), status])
        expect(JSON.parse(reply.body)).toMatchObject({ type: "invalid_data", message: expect.any(String) })
        expect(await writesAfter(before)).toEqual([])
      }
      // A webhook for a provider the shop does not have.
      expect((await rawRequest(port, "POST", "/hooks/payment/stripe_stripe", {}, json({ id: "evt_1", type: "payment_intent.succeeded" }))).status).toBe(404)
      // A customer's own reviews are JSON that browsers never sniff.
      const mine = await rawRequest(port, "GET", "/store/customers/me/reviews", headers.customer)
      expect([mine.status, mine.headers["x-content-type-options"]]).toEqual([200, "nosniff"])
    })

    ROUTES.forEach((target, index) => {
      it(`${target.method} ${target.path} (${target.source}) answers every malformed request below 500 and a refusal writes nothing`, async () => {
        await fc.assert(
          fc.asyncProperty(caseFor(target), async (c) => {
            const url = routeUrl(target, (_param, before) => c.params[target.params.indexOf(_param)] ?? known[before])
            const path = c.query === null ? url : `${url}?${c.query}`
            const before = await lastWrite()
            const reply = await rawRequest(port, target.method, path, { ...headers[c.actor], ...c.extraHeaders, "x-forwarded-for": c.forwardedFor }, c.body ?? undefined)
            totals.cases++
            totals.byStatus[reply.status] = (totals.byStatus[reply.status] ?? 0) + 1
            const described = `${target.method} ${path.slice(0, 300)} as ${c.actor} (body ${c.body?.contentType ?? "none"}: ${c.body?.body.subarray(0, 200).toString("latin1") ?? ""})`
            if (reply.status >= 500 || reply.status < 200) {
              throw new Error(`${reply.status} for ${described}: ${reply.body.slice(0, 500)}`)
            }
            if (reply.status >= 400) {
              const writes = await writesAfter(before)
              if (writes.length) throw new Error(`refused with ${reply.status} but wrote ${JSON.stringify(writes)}: ${described}: ${reply.body.slice(0, 300)}`)
            } else {
              // Accepted: let what it set off (subscribers, the search log's batch) finish before the next case.
              await settle(target.method === "GET" ? 300 : 1200)
            }
          }),
          {
            numRuns: RUNS * 3,
            seed: SEED + index,
            endOnFailure: process.env.FUZZ_SHRINK !== "true",
            // The failing request as this file describes it (bounded), not fast-check's full counterexample.
            asyncReporter: async (run) => {
              if (run.failed) {
                const cause = run.errorInstance instanceof Error ? run.errorInstance.message : String(run.errorInstance)
                throw new Error(`after ${run.numRuns} cases (seed ${run.seed}, path "${run.counterexamplePath}"; FUZZ_SEED=${SEED} replays the run): ${cause}`)
              }
            },
          }
        )
      })
    })
  },
})
