import Redis from "ioredis"
import { catalog } from "../helpers/shop"
import { prepareShop, startMedusa, type MedusaProcess, type TestShop } from "../helpers/medusa-process"
import { RedisServer, startRedisServer } from "../helpers/redis"

// The production shape: two HTTP servers and one worker (MEDUSA_WORKER_MODE) on one
// PostgreSQL and one Redis (a redis-server of this test's own, so it can be killed).
jest.setTimeout(6 * 60 * 1000)

const product = catalog.products[0]
// The catalog cache's invalidation log position (src/modules/keel-cache/store.ts).
const VERSION_KEY = "keel:catalog-cache:seq"

type Instance = MedusaProcess

describe("two servers and a worker on one PostgreSQL and one Redis", () => {
  const instances: Instance[] = []
  let shop: TestShop
  let redis: RedisServer
  let a: Instance
  let b: Instance
  let key: string
  let admin: Record<string, string>
  let productId: string

  beforeAll(async () => {
    redis = await startRedisServer()
    shop = await prepareShop("keel_scale", {
      ADMIN_EMAIL: "ops@keel.test",
      ADMIN_PASSWORD: "scale-out-password",
      LOG_LEVEL: "error",
      NODE_ENV: undefined,
    })
    key = shop.publishableKey

    const production = { ...shop.env, REDIS_URL: redis.url }
    ;[a, b] = await Promise.all([startMedusa(production, "server"), startMedusa(production, "server")])
    instances.push(a, b, await startMedusa(production, "worker"))

    const login = await fetch(`${a.base}/auth/user/emailpass`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "ops@keel.test", password: "scale-out-password" }),
    })
    admin = { authorization: `Bearer ${((await login.json()) as { token: string }).token}` }
    const found = await read(a, `/store/products?handle=${product.handle}&fields=id`)
    productId = found.body.products[0].id
  })

  afterAll(async () => {
    for (const instance of instances) await instance.kill()
    await redis?.stop()
    await shop?.drop()
  })

  async function read(instance: Instance, route: string, headers: Record<string, string> = {}) {
    const res = await fetch(`${instance.base}${route}`, { headers: { "x-publishable-api-key": key, ...headers } })
    return {
      status: res.status,
      cache: res.headers.get("x-keel-cache"),
      lane: res.headers.get("x-keel-cache-lane"),
      headers: res.headers,
      body: (await res.json()) as any, // eslint-disable-line @typescript-eslint/no-explicit-any
    }
  }

  async function adminCall(method: string, route: string, body?: unknown) {
    const res = await fetch(`${a.base}${route}`, {
      method,
      headers: { ...admin, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    expect(res.status).toBe(200)
    return (await res.json()) as any // eslint-disable-line @typescript-eslint/no-explicit-any
  }

  async function until(check: () => Promise<boolean>, withinMs: number, what: string) {
    const start = Date.now()
    while (!(await check())) {
      if (Date.now() - start > withinMs) throw new Error(`${what}: not within ${withinMs} ms`)
      await new Promise((r) => setTimeout(r, 100))
    }
    return Date.now() - start
  }

  // Reads until a repeated read is a hit (instances starting up begin a new generation).
  async function cached(instance: Instance, route: string) {
    await until(
      async () => {
        await read(instance, route)
        return (await read(instance, route)).cache === "hit"
      },
      15_000,
      `${instance.base}${route} cached`
    )
  }

  it("sees an admin edit made through server A on server B within 2 s, the worker invalidating once", async () => {
    const route = `/store/products?handle=${product.handle}&fields=id,title`
    await cached(b, route)
    const counter = new Redis(redis.url)
    const before = Number((await counter.get(VERSION_KEY)) ?? 0)

    const edit = await fetch(`${a.base}/admin/products/${productId}`, {
      method: "POST",
      headers: { ...admin, "content-type": "application/json" },
      body: JSON.stringify({ title: "Tidewater Crew, edited on A" }),
    })
    expect(edit.status).toBe(200)
    await until(async () => (await read(b, route)).body.products[0].title === "Tidewater Crew, edited on A", 2000, "B sees the edit")
    expect((await read(a, route)).body.products[0].title).toBe("Tidewater Crew, edited on A")

    // One event, handled by the one worker: one invalidation, bumped and confirmed a second
    // later (2). Were subscribers running on the servers as well, the count would be a
    // multiple of it. Waited for (a loaded machine can delay the second bump), then held.
    const bumps = async () => Number(await counter.get(VERSION_KEY)) - before
    await until(async () => (await bumps()) >= 2, 10_000, "the invalidation and its confirmation")
    await new Promise((r) => setTimeout(r, 2500))
    expect(await bumps()).toBe(2)
    counter.disconnect()
  })

  it("replays repeated anonymous reads before Express, exactly as the pipeline answered them", async () => {
    const route = `/store/products?limit=3&fields=id,title`
    const browser = { origin: "http://localhost:8000" }
    await until(async () => (await read(b, route, browser)).lane === "front", 15_000, "front lane answers")
    const viaPipeline = await read(b, route, { ...browser, cookie: "theme=dark" })
    const viaFront = await read(b, route, browser)
    expect(viaPipeline.cache).toBe("hit")
    expect(viaPipeline.lane).toBeNull()
    expect(viaFront.lane).toBe("front")
    expect(viaFront.body).toEqual(viaPipeline.body)
    for (const header of ["etag", "cache-control", "vary", "access-control-allow-origin", "access-control-allow-credentials"]) {
      expect([header, viaFront.headers.get(header)]).toEqual([header, viaPipeline.headers.get(header)])
    }
    expect(viaFront.headers.get("access-control-allow-origin")).toBe("http://localhost:8000")
    expect(viaFront.headers.get("vary")).toMatch(/Origin/)

    // Conditional requests are answered there too.
    const revalidated = await fetch(`${b.base}${route}`, {
      headers: { "x-publishable-api-key": key, ...browser, "if-none-match": viaFront.headers.get("etag")! },
    })
    expect([revalidated.status, revalidated.headers.get("x-keel-cache-lane")]).toEqual([304, "front"])
    // Another Origin, a credential or another key is a request the lane has not seen.
    expect((await read(b, route, { origin: "http://evil.example" })).lane).toBeNull()
    expect((await read(b, route, { ...browser, authorization: "Bearer not-a-customer" })).lane).toBeNull()

    // A key revoked through server A stops opening the catalog on server B within 2 s,
    // although B's front lane held an answer for it.
    const { sales_channels } = await adminCall("GET", "/admin/sales-channels?fields=id")
    const { api_key } = await adminCall("POST", "/admin/api-keys", { title: "Short-lived", type: "publishable" })
    await adminCall("POST", `/admin/api-keys/${api_key.id}/sales-channels`, { add: [sales_channels[0].id] })
    const withKey = { "x-publishable-api-key": api_key.token }
    await new Promise((r) => setTimeout(r, 1500)) // the link's invalidations are over
    await until(async () => (await read(b, route, withKey)).lane === "front", 15_000, "new key in the front lane")
    await adminCall("POST", `/admin/api-keys/${api_key.id}/revoke`, {})
    await until(async () => (await read(b, route, withKey)).status === 400, 2000, "revoked key refused on B")
  })

  it("answers catalog reads from the database while Redis is down, and caches again when it is back", async () => {
    const route = `/store/products?limit=5&fields=id,title`
    await cached(a, route)

    await redis.stop()
    for (const instance of [a, b, a, b]) {
      const res = await read(instance, route)
      expect(res.status).toBe(200)
      expect(res.body.count).toBe(catalog.products.length)
    }
    await until(async () => (await read(b, route)).cache === "off", 3000, "cache bypassed while Redis is down")

    await redis.restart()
    await cached(b, route)
  })
})
