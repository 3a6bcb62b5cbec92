import { spawn } from "child_process"
import fs from "fs"
import os from "os"
import path from "path"
import { Client } from "pg"
import { MedusaProcess, runMedusa, startMedusa } from "../helpers/medusa-process"
import { until } from "../helpers/wait"
import {
  createDatabase,
  exportedFiles,
  importedPackages,
  keelWorkspaces,
  migrationTables,
  Packed,
  packWorkspaces,
  plainEnv,
  run,
  writePlainApp,
} from "../helpers/plain-app"

// Keel's packages as another shop gets them from npm: every workspace found on disk (packages/*,
// plugins/*) built and packed with `npm pack`, the tarballs installed into a plain Medusa 2.21.2
// app made here (the starter's files, no Keel env, modules or Redis), migrated with the CLI,
// started with `medusa start`, and each plugin's main store and admin routes called as a
// shopper, a customer and the merchant.
jest.setTimeout(15 * 60 * 1000)

const workspaces = keelWorkspaces()
const plugins = workspaces.filter((w) => w.folder === "plugins")
// The options a plugin needs in a plain app: none so far (every option has a default).
const PLUGIN_OPTIONS: Record<string, Record<string, unknown>> = {}

const ADMIN = { email: "merchant@plain-app.test", password: "a-long-merchant-password" }

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies
type Any = any
type Headers = Record<string, string>
type Reply = { status: number; data: Any }
type Method = "get" | "post" | "delete"

/** The shop the checks work in: made through the admin and store APIs after the server started. */
type Shop = {
  call: (method: Method, url: string, body?: unknown, headers?: Headers) => Promise<Reply>
  admin: Headers
  store: Headers
  customer: Headers
  customerId: string
  regionId: string
  product: { id: string; handle: string; title: string }
  variantId: string
}

async function request(base: string, method: Method, url: string, body?: unknown, headers: Headers = {}): Promise<Reply> {
  const res = await fetch(base + url, {
    method: method.toUpperCase(),
    headers: { ...(body === undefined ? {} : { "content-type": "application/json" }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await res.text()
  let data: unknown = text
  try {
    data = JSON.parse(text)
  } catch {
    // not JSON: kept as text for the failure message
  }
  return { status: res.status, data }
}

/** Sales channel, publishable key, region, one published product, an admin session and a customer. */
async function setUpShop(base: string): Promise<Shop> {
  const call = (method: Method, url: string, body?: unknown, headers?: Headers) => request(base, method, url, body, headers)
  const ok = async (reply: Promise<Reply>, status = 200) => {
    const r = await reply
    if (r.status !== status) throw new Error(`setting up the shop: ${r.status} ${JSON.stringify(r.data).slice(0, 500)}`)
    return r.data
  }
  const login = await ok(call("post", "/auth/user/emailpass", ADMIN))
  const admin = { authorization: `Bearer ${login.token}` }
  // Medusa makes the store and its default sales channel when it first starts.
  const [channel] = (await ok(call("get", "/admin/sales-channels", undefined, admin))).sales_channels
  const { api_key: key } = await ok(call("post", "/admin/api-keys", { title: "Storefront", type: "publishable" }, admin))
  await ok(call("post", `/admin/api-keys/${key.id}/sales-channels`, { add: [channel.id] }, admin))
  const { region } = await ok(call("post", "/admin/regions", { name: "Europe", currency_code: "eur", countries: ["de", "fr"] }, admin))
  const { product } = await ok(
    call(
      "post",
      "/admin/products",
      {
        title: "Storm Lantern",
        handle: "storm-lantern",
        status: "published",
        options: [{ title: "Size", values: ["One size"] }],
        variants: [
          { title: "One size", sku: "LANTERN-1", options: { Size: "One size" }, manage_inventory: false, prices: [{ amount: 25, currency_code: "eur" }] },
        ],
        sales_channels: [{ id: channel.id }],
      },
      admin
    )
  )
  const store = { "x-publishable-api-key": key.token }
  const customerLogin = { email: "shopper@plain-app.test", password: "a-long-shopper-password" }
  const registered = await ok(call("post", "/auth/customer/emailpass/register", customerLogin))
  const { customer } = await ok(
    call("post", "/store/customers", { email: customerLogin.email, first_name: "Sam", last_name: "Shopper" }, { ...store, authorization: `Bearer ${registered.token}` })
  )
  const session = await ok(call("post", "/auth/customer/emailpass", customerLogin))
  return {
    call,
    admin,
    store,
    customer: { ...store, authorization: `Bearer ${session.token}` },
    customerId: customer.id,
    regionId: region.id,
    product: { id: product.id, handle: product.handle, title: product.title },
    variantId: product.variants[0].id,
  }
}

// Each plugin's main routes, from its README's route tables. A plugin found in plugins/ without
// an entry here fails its test: add its checks when you add a plugin.
const ROUTE_CHECKS: Record<string, (shop: Shop) => Promise<void>> = {
  "@keel/reviews": async (s) => {
    const list = `/store/products/${s.product.id}/reviews`
    expect(await s.call("get", list, undefined, s.store)).toMatchObject({ status: 200, data: { reviews: [], count: 0, summary: { count: 0 } } })
    const review = { rating: 5, title: "Bright and sturdy", content: "Lights the whole tent, survived a storm." }
    expect((await s.call("post", list, review, s.store)).status).toBe(401)
    // No order for the product: unverified, so it waits for the merchant.
    const written = await s.call("post", list, review, s.customer)
    expect(written).toMatchObject({ status: 201, data: { review: { rating: 5, title: review.title, content: review.content, status: "pending" } } })
    const id = written.data.review.id
    expect(await s.call("post", list, review, s.customer)).toMatchObject({ status: 409, data: { code: "already_reviewed" } })
    expect(await s.call("get", list, undefined, s.store)).toMatchObject({ status: 200, data: { count: 0 } })

    expect((await s.call("get", "/admin/reviews")).status).toBe(401)
    expect((await s.call("get", "/admin/reviews", undefined, s.customer)).status).toBe(401)
    expect(await s.call("get", `/admin/reviews?status=pending&product_id=${s.product.id}`, undefined, s.admin)).toMatchObject({
      status: 200,
      data: {
        count: 1,
        reviews: [{ id, status: "pending", customer_id: s.customerId, product: { id: s.product.id, title: s.product.title } }],
        summary: { count: 0 },
      },
    })
    expect(await s.call("post", "/admin/reviews/status", { ids: [id], status: "approved" }, s.admin)).toMatchObject({
      status: 200,
      data: { reviews: [{ id, status: "approved" }] },
    })
    expect(await s.call("get", list, undefined, s.store)).toMatchObject({
      status: 200,
      data: { count: 1, reviews: [{ id, rating: 5 }], summary: { count: 1, average: 5 } },
    })
    expect(await s.call("get", `${list}/summary`, undefined, s.store)).toMatchObject({
      status: 200,
      data: { product_id: s.product.id, json_ld: { "@type": "Product", name: s.product.title, aggregateRating: { ratingValue: 5, reviewCount: 1 } } },
    })
  },

  "@keel/wishlists": async (s) => {
    const counts = async () => (await s.call("get", `/admin/products/${s.product.id}/wishlists`, undefined, s.admin)).data
    const before = await counts()
    expect(before).toMatchObject({ product_id: s.product.id, wishlists: expect.any(Number), items: expect.any(Number) })

    // A guest list, answering to its token only.
    const guest = await s.call("post", "/store/wishlists", { name: "Camping" }, s.store)
    expect(guest).toMatchObject({ status: 201, data: { wishlist: { name: "Camping", items: [] }, guest_token: expect.any(String) } })
    const listId = guest.data.wishlist.id
    const withToken = { ...s.store, "x-wishlist-token": guest.data.guest_token }
    const added = await s.call("post", `/store/wishlists/${listId}/items`, { variant_id: s.variantId, region_id: s.regionId }, withToken)
    expect(added).toMatchObject({
      status: 201,
      data: { wishlist: { id: listId, items: [{ variant_id: s.variantId, product_id: s.product.id, quantity: 1, product: { id: s.product.id }, added_price: { amount: 25, currency_code: "eur" } }] } },
    })
    expect((await s.call("get", `/store/wishlists/${listId}`, undefined, s.store)).status).toBe(404)
    expect(await s.call("get", `/store/wishlists/${listId}?region_id=${s.regionId}`, undefined, withToken)).toMatchObject({
      status: 200,
      data: { wishlist: { id: listId, items: [{ variant_id: s.variantId, price: { amount: 25, currency_code: "eur" } }] } },
    })

    // A customer's default list, made on first use.
    expect((await s.call("get", "/store/wishlists", undefined, s.store)).status).toBe(401)
    const mine = await s.call("get", "/store/wishlists", undefined, s.customer)
    expect(mine).toMatchObject({ status: 200, data: { wishlists: [{ is_default: true }] } })
    const defaultId = mine.data.wishlists[0].id
    expect(await s.call("post", `/store/wishlists/${defaultId}/items`, { variant_id: s.variantId, quantity: 2 }, s.customer)).toMatchObject({
      status: 201,
      data: { wishlist: { id: defaultId, items: [{ variant_id: s.variantId, quantity: 2 }] } },
    })

    expect((await s.call("get", "/admin/wishlists/insights")).status).toBe(401)
    const insights = await s.call("get", "/admin/wishlists/insights", undefined, s.admin)
    expect(insights).toMatchObject({
      status: 200,
      data: { totals: { wishlists: expect.any(Number), guest_wishlists: expect.any(Number), items: expect.any(Number) }, top_variants: expect.any(Array) },
    })
    expect(insights.data.top_products).toContainEqual(expect.objectContaining({ product_id: s.product.id, title: s.product.title }))
    expect(insights.data.totals.guest_wishlists).toBeGreaterThanOrEqual(1)
    expect(await counts()).toEqual({ product_id: s.product.id, wishlists: before.wishlists + 2, items: before.items + 2 })
  },

  "@keel/analytics": async (s) => {
    const rollup = async () => expect((await s.call("post", "/admin/analytics/rollup", {}, s.admin)).status).toBe(200)
    const viewers = async () => {
      const overview = await s.call("get", "/admin/analytics/overview", undefined, s.admin)
      expect(overview).toMatchObject({ status: 200, data: { kpis: { sessions: expect.any(Number) }, funnel: expect.any(Array), series: expect.any(Array) } })
      return overview.data.funnel.find((step: { step: string }) => step.step === "view").sessions as number
    }
    await rollup()
    const before = await viewers()

    const session = { ...s.store, "x-keel-session-id": `plain-app-${Date.now()}` }
    const viewed = { events: [{ event: "Product Viewed", properties: { product_id: s.product.id } }] }
    expect(await s.call("post", "/store/analytics/events", viewed, session)).toEqual({ status: 202, data: { accepted: 1 } })
    expect((await s.call("post", "/store/analytics/events", viewed, s.store)).status).toBe(400) // no session id
    const faked = { events: [{ event: "Order Completed", properties: { order_id: "order_1" } }] }
    expect((await s.call("post", "/store/analytics/events", faked, session)).status).toBe(400) // a server-side event
    expect((await s.call("post", "/store/analytics/events", viewed, { "x-keel-session-id": "no-key" })).status).toBe(400) // no publishable key

    expect((await s.call("get", "/admin/analytics/overview")).status).toBe(401)
    await rollup()
    expect(await viewers()).toBe(before + 1)
    const signals = await s.call("get", "/admin/analytics/signals", undefined, s.admin)
    expect(signals).toMatchObject({ status: 200, data: { window_hours: 24 } })
    expect(signals.data.signals.map((signal: { id: string; status: string }) => [signal.id, ["ok", "watch", "act"].includes(signal.status)])).toEqual([
      ["zero_result_search", true],
      ["payment_abandonment", true],
      ["database_load", true],
    ])
  },

  "@keel/flash-sales": async (s) => {
    const route = `/admin/products/${s.product.id}/purchase-limit`
    expect((await s.call("get", route)).status).toBe(401)
    expect(await s.call("get", route, undefined, s.admin)).toEqual({ status: 200, data: { purchase_limit: null } })
    expect((await s.call("post", route, { max_quantity: 0 }, s.admin)).status).toBe(400)
    expect(await s.call("post", route, { max_quantity: 1 }, s.admin)).toMatchObject({
      status: 200,
      data: { purchase_limit: { product_id: s.product.id, max_quantity: 1, starts_at: null, ends_at: null } },
    })
    expect(await s.call("get", route, undefined, s.admin)).toMatchObject({ status: 200, data: { purchase_limit: { product_id: s.product.id, max_quantity: 1 } } })

    // Two units against a limit of one: refused at completion, before Medusa's workflow runs.
    const { data: created } = await s.call("post", "/store/carts", { region_id: s.regionId, email: "limited@plain-app.test" }, s.store)
    const cartId = created.cart.id
    expect((await s.call("post", `/store/carts/${cartId}/line-items`, { variant_id: s.variantId, quantity: 2 }, s.store)).status).toBe(200)
    expect(await s.call("post", `/store/carts/${cartId}/complete`, {}, s.store)).toMatchObject({
      status: 409,
      data: { type: "not_allowed", code: "purchase_limit_exceeded", variant_ids: [s.variantId], product_ids: [s.product.id] },
    })
    expect((await s.call("delete", route, undefined, s.admin)).status).toBe(200)
  },

  "@keel/search": async (s) => {
    const search = (q: string) => s.call("post", "/store/search", { entity: "product", filters: { q } }, s.store)
    const found = await until(
      () => search("storm lantern"),
      (r) => r.status === 200 && !!r.data.results?.[0]?.hits?.some((h: { document?: { handle?: string } }) => h.document?.handle === s.product.handle),
      30_000,
      "the product in /store/search"
    )
    expect(found.status).toBe(200)
    expect((await s.call("get", "/admin/search/synonyms")).status).toBe(401)
    expect(await s.call("get", "/admin/search/synonyms", undefined, s.admin)).toMatchObject({ status: 200, data: { synonyms: expect.any(Array) } })
    expect(await s.call("get", "/admin/search/stop-words", undefined, s.admin)).toMatchObject({ status: 200 })
  },
}

describe("Keel's packages, packed and installed into a plain Medusa app", () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "keel-plain-app-"))
  const app = path.join(work, "app")
  const timings: string[] = []
  let packs: Packed[] = []
  let database: { url: string; drop: () => Promise<void> } | undefined
  let server: MedusaProcess | undefined
  let shop: Shop

  const timed = async <T>(what: string, step: () => Promise<T> | T): Promise<T> => {
    const start = Date.now()
    const result = await step()
    timings.push(`${what} ${((Date.now() - start) / 1000).toFixed(1)} s`)
    return result
  }

  beforeAll(async () => {
    const { buildPlugins } = await import("../../scripts/build-plugins.mjs")
    await timed("build", () => buildPlugins())
    packs = await timed("npm pack", () => packWorkspaces(workspaces, path.join(work, "packs")))
    writePlainApp(
      app,
      packs,
      plugins.map((p) => ({ resolve: p.name, options: PLUGIN_OPTIONS[p.name] ?? {} }))
    )
    // The npm cache holds what Keel's own install fetched, so this mostly links from it.
    await timed("npm install", () => run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund"], { cwd: app, env: plainEnv() }))
    database = await createDatabase("keel_plain_app")
    const env = plainEnv({ DATABASE_URL: database.url, LOG_LEVEL: process.env.LOG_LEVEL || "error" })
    await timed("medusa db:migrate", () => runMedusa(["db:migrate", "--execute-safe-links"], env, app))
    await timed("medusa user", () => runMedusa(["user", "-e", ADMIN.email, "-p", ADMIN.password], env, app))
    server = await timed("medusa start", () => startMedusa(env, undefined, app))
    shop = await timed("shop set up", () => setUpShop(server!.base))
  })

  afterAll(async () => {
    await server?.kill()
    await database?.drop()
    // The app's node_modules holds about 100,000 files, which take minutes to delete on a busy
    // disk: a detached rm removes the folder without the run waiting for it.
    spawn("rm", ["-rf", work], { detached: true, stdio: "ignore" }).unref()
    console.log(`[plain-app] ${workspaces.map((w) => w.name).join(", ")}: ${timings.join(", ")}`)
  })

  it("packs every workspace with the files its package.json points at, and no tests or build stamps", () => {
    expect(packs.map((p) => p.workspace.name)).toEqual(workspaces.map((w) => w.name))
    for (const { workspace, files } of packs) {
      const missing = exportedFiles(workspace.manifest).filter((file) => !files.includes(file))
      const unwanted = files.filter((file) => /(^|\/)__tests__\/|\.keel-build$|\.spec\.[jt]s$|(^|\/)node_modules\//.test(file))
      expect({ package: workspace.name, missing, unwanted }).toEqual({ package: workspace.name, missing: [], unwanted: [] })
    }
  })

  it("installs them from the tarballs beside one copy of Medusa's framework", () => {
    const lock = JSON.parse(fs.readFileSync(path.join(app, "package-lock.json"), "utf8")).packages as Record<string, { version?: string; resolved?: string }>
    for (const { workspace, tarball } of packs) {
      expect({ name: workspace.name, ...lock[`node_modules/${workspace.name}`] }).toMatchObject({
        name: workspace.name,
        version: workspace.manifest.version,
        resolved: expect.stringContaining(path.basename(tarball)),
      })
    }
    // A second @medusajs/framework (nested under a package) would give that package its own container and models.
    const nested = Object.keys(lock).filter((key) => key.endsWith("node_modules/@medusajs/framework") && key !== "node_modules/@medusajs/framework")
    expect(nested).toEqual([])
  })

  it("declares every package its shipped code imports", () => {
    for (const { workspace, files } of packs) {
      const { name, dependencies = {}, peerDependencies = {} } = workspace.manifest
      const declared = new Set([name, ...Object.keys(dependencies), ...Object.keys(peerDependencies)])
      const imported = importedPackages(path.join(app, "node_modules", name), files)
      expect(imported.length).toBeGreaterThan(0) // the scan read the package's code
      expect({ package: name, undeclared: imported.filter((p) => !declared.has(p)) }).toEqual({ package: name, undeclared: [] })
    }
  })

  it("migrates every plugin's tables", async () => {
    const client = new Client({ connectionString: database!.url })
    await client.connect()
    try {
      const { rows } = await client.query("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")
      const present = new Set(rows.map((r: { table_name: string }) => r.table_name))
      for (const plugin of plugins) {
        const tables = migrationTables(path.join(app, "node_modules", plugin.name))
        expect({ plugin: plugin.name, missing: tables.filter((t) => !present.has(t)) }).toEqual({ plugin: plugin.name, missing: [] })
      }
    } finally {
      await client.end()
    }
  })

  it.each(plugins.map((p) => [p.name]))("%s answers its main store and admin routes", async (name) => {
    const check = ROUTE_CHECKS[name]
    if (!check) throw new Error(`no route checks for ${name}: add them to ROUTE_CHECKS in integration-tests/e2e/plain-app.spec.ts`)
    await check(shop)
  })
})
