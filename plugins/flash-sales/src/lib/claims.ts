import type Redis from "ioredis"

/**
 * Admission budgets for cart completion. A budget is a number of units that may still be
 * admitted under a key: the units of an inventory item at a location that are not reserved
 * (`stock:<item>:<location>`), or what a buyer may still buy of a product during a sale
 * (`limit:<product>:<version>:<buyer>`).
 *
 * A completing cart *claims* all its lines at once, atomically: either every budget covers its
 * line and each is lowered, or nothing changes and the short keys are returned. The claim is then
 * *held* under the cart's id until the order exists (`commit`: the units stay spent) or the
 * completion fails (`release`: they are given back). Both are idempotent, so a compensation, the
 * HTTP answer and the recovery job may each try.
 *
 * A budget is seeded from the database the first time it is needed (and after `invalidate`, when
 * stock changed outside a checkout): what the database says is free, minus what is held and not
 * yet in the database. The seed is written only if no claim or release touched the key since the
 * held units were read (a per-key sequence number), so a seed never counts a claim twice or
 * misses one.
 *
 * With Redis (several processes) the operations are Lua scripts; without it (one process, the
 * embedded default), a Map in memory, which is atomic for the same reason.
 */
export type ClaimLine = { key: string; quantity: number }
export type ClaimResult = { ok: true; existing?: boolean } | { ok: false; short: string[] } | { ok: false; unseeded: string[] }
export type HeldClaim = { cartId: string; since: number }
/** A seed: what the database says is free, and the held units it already counts. */
export type SeedReading = { free: number; heldInDatabase?: number }

export interface ClaimStore {
  claim(cartId: string, lines: ClaimLine[]): Promise<ClaimResult>
  /** Reads a key's sequence number and held units; the seed is then written only if it is unchanged. */
  seedState(key: string): Promise<{ seq: string; held: number }>
  seed(key: string, seq: string, value: number): Promise<boolean>
  release(cartId: string): Promise<boolean>
  commit(cartId: string): Promise<boolean>
  holdOf(cartId: string): Promise<ClaimLine[]>
  invalidate(keys: string[]): Promise<void>
  budget(key: string): Promise<number | null>
  held(olderThanMs: number): Promise<HeldClaim[]>
  /** Marks a name as done (for `seconds`, 3 days by default); false when it was already. */
  markDone(name: string, seconds?: number): Promise<boolean>
  isDone(name: string): Promise<boolean>
  /** Sets a mark for `seconds`, or renews it (unlike markDone, whether or not it was set). */
  mark(name: string, seconds: number): Promise<void>
  /** Drops a mark set by markDone or mark. */
  unmark(name: string): Promise<void>
  close(): Promise<void>
}

const P = "keel:flash:"

const CLAIM = `
local cart = ARGV[1]
local now = ARGV[2]
local n = tonumber(ARGV[3])
local prefix = ARGV[4]
if redis.call('EXISTS', prefix .. 'hold:' .. cart) == 1 then return {3} end
local unseeded = {}
for i = 1, n do
  local key = ARGV[4 + i * 2 - 1]
  if redis.call('EXISTS', prefix .. 'budget:' .. key) == 0 then table.insert(unseeded, key) end
end
if #unseeded > 0 then return {2, unpack(unseeded)} end
local short = {}
for i = 1, n do
  local key = ARGV[4 + i * 2 - 1]
  local qty = tonumber(ARGV[4 + i * 2])
  if tonumber(redis.call('GET', prefix .. 'budget:' .. key)) < qty then table.insert(short, key) end
end
if #short > 0 then return {0, unpack(short)} end
for i = 1, n do
  local key = ARGV[4 + i * 2 - 1]
  local qty = tonumber(ARGV[4 + i * 2])
  redis.call('DECRBY', prefix .. 'budget:' .. key, qty)
  redis.call('HSET', prefix .. 'held:' .. key, cart, qty)
  redis.call('INCR', prefix .. 'seq:' .. key)
  redis.call('HSET', prefix .. 'hold:' .. cart, key, qty)
end
redis.call('ZADD', prefix .. 'holds', now, cart)
return {1}
`

// ARGV: cart, giveBack (1 release / 0 commit), prefix
const SETTLE = `
local cart = ARGV[1]
local giveBack = ARGV[2] == '1'
local prefix = ARGV[3]
local fields = redis.call('HGETALL', prefix .. 'hold:' .. cart)
redis.call('ZREM', prefix .. 'holds', cart)
if #fields == 0 then return 0 end
for i = 1, #fields, 2 do
  local key = fields[i]
  local qty = tonumber(fields[i + 1])
  if giveBack and redis.call('EXISTS', prefix .. 'budget:' .. key) == 1 then
    redis.call('INCRBY', prefix .. 'budget:' .. key, qty)
  end
  redis.call('HDEL', prefix .. 'held:' .. key, cart)
  redis.call('INCR', prefix .. 'seq:' .. key)
end
redis.call('DEL', prefix .. 'hold:' .. cart)
return 1
`

const SEED_STATE = `
local prefix = ARGV[1]
local key = ARGV[2]
local seq = redis.call('GET', prefix .. 'seq:' .. key) or '0'
local held = 0
for _, v in ipairs(redis.call('HVALS', prefix .. 'held:' .. key)) do held = held + tonumber(v) end
return {seq, held}
`

const SEED = `
local prefix = ARGV[1]
local key = ARGV[2]
local seq = redis.call('GET', prefix .. 'seq:' .. key) or '0'
if seq ~= ARGV[3] then return 0 end
if redis.call('EXISTS', prefix .. 'budget:' .. key) == 1 then return 1 end
redis.call('SET', prefix .. 'budget:' .. key, ARGV[4], 'EX', ARGV[5])
return 1
`

/** Budgets expire a while after they were seeded, so a change nobody announced heals by itself. */
const BUDGET_TTL_SECONDS = 15 * 60

/** How long a claim call waits for the shared connection to be ready (at start, or after a drop). */
const READY_WAIT_MS = 2000

/**
 * The budgets in Redis, on the process's one Keel connection (`sharedRedis` of @keel/core, given
 * by the module): it has no offline queue, so a call waits here for the connection to be ready
 * (at most READY_WAIT_MS) instead of failing in the moment after a start or a reconnect.
 */
export class RedisClaimStore implements ClaimStore {
  constructor(private readonly redis: Redis, private readonly prefix = P) {}

  private async ready() {
    if (this.redis.status === "ready") return
    await new Promise<void>((resolve, reject) => {
      const onReady = () => {
        clearTimeout(timer)
        resolve()
      }
      const timer = setTimeout(() => {
        this.redis.off("ready", onReady)
        reject(new Error(`the flash-sale budgets' Redis is not ready (${this.redis.status}) after ${READY_WAIT_MS} ms`))
      }, READY_WAIT_MS)
      this.redis.once("ready", onReady)
    })
  }

  async claim(cartId: string, lines: ClaimLine[]): Promise<ClaimResult> {
    await this.ready()
    const args = [cartId, String(Date.now()), String(lines.length), this.prefix, ...lines.flatMap((l) => [l.key, String(l.quantity)])]
    const [status, ...keys] = (await this.redis.eval(CLAIM, 0, ...args)) as [number, ...string[]]
    if (status === 1 || status === 3) return { ok: true, existing: status === 3 }
    return status === 2 ? { ok: false, unseeded: keys } : { ok: false, short: keys }
  }

  async seedState(key: string) {
    await this.ready()
    const [seq, held] = (await this.redis.eval(SEED_STATE, 0, this.prefix, key)) as [string, number]
    return { seq, held: Number(held) }
  }

  async seed(key: string, seq: string, value: number) {
    await this.ready()
    return (await this.redis.eval(SEED, 0, this.prefix, key, seq, String(value), String(BUDGET_TTL_SECONDS))) === 1
  }

  async release(cartId: string) {
    await this.ready()
    return (await this.redis.eval(SETTLE, 0, cartId, "1", this.prefix)) === 1
  }

  async commit(cartId: string) {
    await this.ready()
    return (await this.redis.eval(SETTLE, 0, cartId, "0", this.prefix)) === 1
  }

  async holdOf(cartId: string) {
    await this.ready()
    const fields = await this.redis.hgetall(`${this.prefix}hold:${cartId}`)
    return Object.entries(fields).map(([key, quantity]) => ({ key, quantity: Number(quantity) }))
  }

  async invalidate(keys: string[]) {
    await this.ready()
    if (keys.length) await this.redis.del(...keys.map((k) => `${this.prefix}budget:${k}`))
  }

  async budget(key: string) {
    await this.ready()
    const value = await this.redis.get(`${this.prefix}budget:${key}`)
    return value === null ? null : Number(value)
  }

  async held(olderThanMs: number) {
    await this.ready()
    const flat = await this.redis.zrangebyscore(`${this.prefix}holds`, 0, Date.now() - olderThanMs, "WITHSCORES")
    const out: HeldClaim[] = []
    for (let i = 0; i < flat.length; i += 2) out.push({ cartId: flat[i], since: Number(flat[i + 1]) })
    return out
  }

  async isDone(name: string) {
    await this.ready()
    return (await this.redis.exists(`${this.prefix}done:${name}`)) === 1
  }

  async unmark(name: string) {
    await this.ready()
    await this.redis.del(`${this.prefix}done:${name}`)
  }

  async mark(name: string, seconds: number) {
    await this.ready()
    await this.redis.set(`${this.prefix}done:${name}`, "1", "EX", seconds)
  }

  async markDone(name: string, seconds = 3 * 24 * 3600) {
    await this.ready()
    return (await this.redis.set(`${this.prefix}done:${name}`, "1", "EX", seconds, "NX")) === "OK"
  }

  async close() {
    // The connection is the process's, shared with the other Keel uses: not this store's to close.
  }
}

/** The same semantics in one process's memory (no Redis: the embedded default). */
export class MemoryClaimStore implements ClaimStore {
  private budgets = new Map<string, { value: number; expires: number }>()
  private heldByKey = new Map<string, Map<string, number>>()
  private seqs = new Map<string, number>()
  private holds = new Map<string, { since: number; lines: ClaimLine[] }>()

  private live(key: string) {
    const b = this.budgets.get(key)
    if (b && b.expires < Date.now()) this.budgets.delete(key)
    return this.budgets.get(key)
  }

  async claim(cartId: string, lines: ClaimLine[]): Promise<ClaimResult> {
    if (this.holds.has(cartId)) return { ok: true, existing: true }
    const unseeded = lines.filter((l) => !this.live(l.key)).map((l) => l.key)
    if (unseeded.length) return { ok: false, unseeded }
    const short = lines.filter((l) => this.live(l.key)!.value < l.quantity).map((l) => l.key)
    if (short.length) return { ok: false, short }
    for (const l of lines) {
      this.live(l.key)!.value -= l.quantity
      if (!this.heldByKey.has(l.key)) this.heldByKey.set(l.key, new Map())
      this.heldByKey.get(l.key)!.set(cartId, l.quantity)
      this.seqs.set(l.key, (this.seqs.get(l.key) ?? 0) + 1)
    }
    this.holds.set(cartId, { since: Date.now(), lines })
    return { ok: true, existing: false }
  }

  async seedState(key: string) {
    const held = [...(this.heldByKey.get(key)?.values() ?? [])].reduce((a, b) => a + b, 0)
    return { seq: String(this.seqs.get(key) ?? 0), held }
  }

  async seed(key: string, seq: string, value: number) {
    if (String(this.seqs.get(key) ?? 0) !== seq) return false
    if (!this.live(key)) this.budgets.set(key, { value, expires: Date.now() + BUDGET_TTL_SECONDS * 1000 })
    return true
  }

  private settle(cartId: string, giveBack: boolean) {
    const hold = this.holds.get(cartId)
    if (!hold) return false
    this.holds.delete(cartId)
    for (const l of hold.lines) {
      const b = this.live(l.key)
      if (giveBack && b) b.value += l.quantity
      this.heldByKey.get(l.key)?.delete(cartId)
      this.seqs.set(l.key, (this.seqs.get(l.key) ?? 0) + 1)
    }
    return true
  }

  async release(cartId: string) {
    return this.settle(cartId, true)
  }

  async commit(cartId: string) {
    return this.settle(cartId, false)
  }

  async holdOf(cartId: string) {
    return this.holds.get(cartId)?.lines ?? []
  }

  async invalidate(keys: string[]) {
    for (const k of keys) this.budgets.delete(k)
  }

  async budget(key: string) {
    return this.live(key)?.value ?? null
  }

  async held(olderThanMs: number) {
    const cutoff = Date.now() - olderThanMs
    return [...this.holds.entries()].filter(([, h]) => h.since <= cutoff).map(([cartId, h]) => ({ cartId, since: h.since }))
  }

  private done = new Map<string, number>()

  async isDone(name: string) {
    return (this.done.get(name) ?? 0) > Date.now()
  }

  async unmark(name: string) {
    this.done.delete(name)
  }

  async mark(name: string, seconds: number) {
    this.done.set(name, Date.now() + seconds * 1000)
  }

  async markDone(name: string, seconds = 3 * 24 * 3600) {
    if (await this.isDone(name)) return false
    this.done.set(name, Date.now() + seconds * 1000)
    return true
  }

  async close() {
    return
  }
}

/** Sums lines that share a key (two variants drawing on one inventory item). */
export function mergeLines(lines: ClaimLine[]): ClaimLine[] {
  const sums = new Map<string, number>()
  for (const l of lines) sums.set(l.key, (sums.get(l.key) ?? 0) + l.quantity)
  return [...sums.entries()].map(([key, quantity]) => ({ key, quantity }))
}
