import { MedusaError } from "@medusajs/framework/utils"
import { Budgets, resolveBudgetLimit, spendBudgets } from "../budgets"
import { addressKey, clientAddressResolver } from "../client-address"
import { sharedRedis } from "../redis"

const from = (socket: string, forwardedFor?: string) =>
  ({ socket: { remoteAddress: socket }, connection: { remoteAddress: socket }, headers: forwardedFor ? { "x-forwarded-for": forwardedFor } : {} }) as never

describe("client addresses", () => {
  it("come from the socket, and X-Forwarded-For is ignored without trusted proxies", () => {
    const addressOf = clientAddressResolver(undefined)
    expect(addressOf(from("203.0.113.7"))).toBe("203.0.113.7")
    expect(addressOf(from("203.0.113.7", "198.51.100.1"))).toBe("203.0.113.7")
    expect(addressOf(from("::ffff:203.0.113.7"))).toBe("203.0.113.7")
  })

  it("come from X-Forwarded-For only through trusted proxies, hop by hop", () => {
    const addressOf = clientAddressResolver("loopback, 10.0.0.0/8")
    expect(addressOf(from("127.0.0.1", "198.51.100.1"))).toBe("198.51.100.1")
    expect(addressOf(from("127.0.0.1", "198.51.100.1, 10.1.2.3"))).toBe("198.51.100.1")
    // A shopper's own X-Forwarded-For is kept by the proxy in front: only the hop it added counts.
    expect(addressOf(from("127.0.0.1", "6.6.6.6, 198.51.100.2"))).toBe("198.51.100.2")
    // Not from a trusted proxy: the socket.
    expect(addressOf(from("203.0.113.9", "198.51.100.1"))).toBe("203.0.113.9")
    expect(addressOf(from("127.0.0.1"))).toBe("127.0.0.1")
  })

  it("count an IPv6 client by its /64", () => {
    expect(addressKey("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::/64")
    expect(addressKey("2001:db8:1:2:ffff:ffff:ffff:ffff")).toBe("2001:db8:1:2::/64")
  })

  it("refuse a trusted proxy setting that names nothing", () => {
    expect(() => clientAddressResolver("not-an-address")).toThrow()
  })
})

describe("budgets", () => {
  it("refuse once spent, for that key only, with the seconds to wait", async () => {
    const budgets = new Budgets("test", { posts: { points: 2, duration: 60 } })
    expect(await budgets.take("posts", "a")).toEqual({ ok: true })
    expect(await budgets.take("posts", "a")).toEqual({ ok: true })
    const refused = await budgets.take("posts", "a")
    expect(refused.ok).toBe(false)
    expect(refused.ok === false && refused.retryAfter).toBeGreaterThanOrEqual(59)
    expect(await budgets.take("posts", "b")).toEqual({ ok: true })
  })

  it("refuse when any of several budgets is spent, and are off when set to false", async () => {
    const budgets = new Budgets("test2", { perSession: { points: 100, duration: 60 }, perAddress: { points: 1, duration: 60 }, off: false })
    expect(await budgets.takeAll([["perSession", "s1"], ["perAddress", "1.2.3.4"]])).toEqual({ ok: true })
    expect((await budgets.takeAll([["perSession", "s2"], ["perAddress", "1.2.3.4"]])).ok).toBe(false)
    for (let i = 0; i < 10; i++) expect(await budgets.take("off", "x")).toEqual({ ok: true })
  })

  it("answer 429 with Retry-After from a route middleware", async () => {
    const budgets = new Budgets("test3", { tries: { points: 1, duration: 30 } })
    const middleware = spendBudgets(() => ({ budgets, spend: [["tries", "k"]], message: "Too many tries" }))
    const answers: { status?: number; body?: unknown; headers: Record<string, string>; next: number } = { headers: {}, next: 0 }
    const res = {
      setHeader: (name: string, value: string) => (answers.headers[name] = value),
      status(code: number) {
        answers.status = code
        return this
      },
      json: (body: unknown) => (answers.body = body),
    }
    await middleware({} as never, res as never, () => answers.next++)
    await middleware({} as never, res as never, () => answers.next++)
    expect(answers.next).toBe(1)
    expect(answers.status).toBe(429)
    expect(Number(answers.headers["Retry-After"])).toBeGreaterThan(0)
    expect(answers.body).toEqual({ type: "too_many_requests", message: expect.stringMatching(/^Too many tries; retry after \d+ s$/) })
  })

  it("take their limits from plugin options, checked", () => {
    expect(resolveBudgetLimit("x", undefined, { points: 5, duration: 60 })).toEqual({ points: 5, duration: 60 })
    expect(resolveBudgetLimit("x", false, { points: 5, duration: 60 })).toBe(false)
    expect(resolveBudgetLimit("x", { points: 3, duration: 10 }, false)).toEqual({ points: 3, duration: 10 })
    expect(() => resolveBudgetLimit("budgets.x", { points: 0, duration: 10 }, false)).toThrow(MedusaError)
    expect(() => resolveBudgetLimit("budgets.x", 5, false)).toThrow(/budgets.x must be/)
  })
})

describe("budgets in Redis", () => {
  let redis: { url: string; stop: () => Promise<void> }
  beforeAll(async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the suites' Redis helper
    const { redisForSuite } = require("../../../../integration-tests/helpers/redis")
    redis = await redisForSuite()
  })
  afterAll(async () => {
    sharedRedis(redis.url).disconnect()
    await redis.stop()
  })

  it("are shared by every process of the shop (two Budgets on one Redis count together)", async () => {
    const limits = { posts: { points: 3, duration: 60 } }
    const one = new Budgets("shared", limits, { redisUrl: redis.url })
    const two = new Budgets("shared", limits, { redisUrl: redis.url })
    // Until the connection is up, each process counts for itself (commands fail fast, never queue).
    const client = sharedRedis(redis.url)
    if (client.status !== "ready") await new Promise((resolve) => client.once("ready", resolve))
    expect(await one.take("posts", "customer_1")).toEqual({ ok: true })
    expect(await two.take("posts", "customer_1")).toEqual({ ok: true })
    expect(await one.take("posts", "customer_1")).toEqual({ ok: true })
    expect((await two.take("posts", "customer_1")).ok).toBe(false)
    expect((await one.take("posts", "customer_1")).ok).toBe(false)
  })
})

describe("budgets with Redis down", () => {
  it("go on counting in this process, and the outage is logged once", async () => {
    const warnings: string[] = []
    const logger = { warn: (m: string) => warnings.push(m), info: () => undefined }
    // Nothing listens on port 1: every Redis command fails at once (no offline queue).
    const url = "redis://127.0.0.1:1"
    const budgets = new Budgets("down", { posts: { points: 2, duration: 60 } }, { redisUrl: url, logger })
    expect(await budgets.take("posts", "k")).toEqual({ ok: true })
    expect(await budgets.take("posts", "k")).toEqual({ ok: true })
    expect((await budgets.take("posts", "k")).ok).toBe(false)
    await new Promise((r) => setTimeout(r, 300))
    expect(warnings.filter((w) => w.includes("unreachable"))).toHaveLength(1)
    sharedRedis(url, logger).disconnect()
  })
})
