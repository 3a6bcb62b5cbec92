import type { IncomingMessage } from "http"
import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible"
import { clientAddressResolver, type TrustedProxies } from "./client-address"
import { sharedRedis, type Logger } from "./redis"

/**
 * Budgets: how often one client may do something (post a review, send an analytics batch, look
 * a share link up), counted with rate-limiter-flexible in Redis when the plugin is given a Redis
 * URL (every server process shares the count), else in this process. A spent budget answers 429
 * with Retry-After. Keys are what the client cannot rename its way out of: its address (see
 * client-address.ts), its customer id; a key the client picks (a session id) only on top of those.
 */

/** `points` uses per `duration` seconds; `false` turns the budget off. */
export type BudgetLimit = { points: number; duration: number } | false

export type BudgetAnswer = { ok: true } | { ok: false; retryAfter: number }

export type BudgetsOptions = {
  /** Redis shared by every process of the shop; without it, each process counts for itself. */
  redisUrl?: string
  /** Proxies whose X-Forwarded-For is believed (see client-address.ts). */
  trustedProxies?: TrustedProxies
  logger?: Logger
}

/** Checks a limit taken from plugin options, with the option's name in the error. */
export function resolveBudgetLimit(name: string, given: unknown, fallback: BudgetLimit): BudgetLimit {
  if (given === undefined || given === null) return fallback
  if (given === false) return false
  const limit = given as { points?: unknown; duration?: unknown }
  const whole = (n: unknown) => typeof n === "number" && Number.isInteger(n) && n > 0
  if (typeof given !== "object" || !whole(limit.points) || !whole(limit.duration)) {
    throw new MedusaError(
      MedusaError.Types.INVALID_ARGUMENT,
      `${name} must be { points, duration } (whole numbers above 0: uses per that many seconds) or false, got ${JSON.stringify(given)}`
    )
  }
  return { points: limit.points as number, duration: limit.duration as number }
}

/** A plugin's named budgets, made from its options. */
export class Budgets<Name extends string> {
  private readonly limiters = new Map<Name, RateLimiterAbstract>()
  readonly addressOf: (req: IncomingMessage) => string

  constructor(
    private readonly prefix: string,
    readonly limits: Record<Name, BudgetLimit>,
    private readonly options: BudgetsOptions = {}
  ) {
    this.addressOf = clientAddressResolver(options.trustedProxies)
  }

  private limiter(name: Name): RateLimiterAbstract | null {
    const limit = this.limits[name]
    if (!limit) return null
    let limiter = this.limiters.get(name)
    if (!limiter) {
      const settings = { keyPrefix: `${this.prefix}:${name}`, points: limit.points, duration: limit.duration }
      // With Redis down, each process goes on counting for itself rather than letting everything through.
      limiter = this.options.redisUrl
        ? new RateLimiterRedis({ ...settings, storeClient: sharedRedis(this.options.redisUrl, this.options.logger), insuranceLimiter: new RateLimiterMemory(settings) })
        : new RateLimiterMemory(settings)
      this.limiters.set(name, limiter)
    }
    return limiter
  }

  /** Takes one use from `name`'s budget for `key`. */
  async take(name: Name, key: string): Promise<BudgetAnswer> {
    const limiter = this.limiter(name)
    if (!limiter) return { ok: true }
    try {
      await limiter.consume(key, 1)
      return { ok: true }
    } catch (error) {
      if (error instanceof RateLimiterRes) {
        return { ok: false, retryAfter: Math.max(1, Math.ceil(error.msBeforeNext / 1000)) }
      }
      throw error
    }
  }

  /** Gives back one use taken from `name` for `key` (an attempt that turned out not to count); never throws. */
  async giveBack(name: Name, key: string): Promise<void> {
    try {
      await this.limiter(name)?.reward(key, 1)
    } catch (error) {
      this.options.logger?.warn(`Keel budgets: could not give back a use of ${this.prefix}:${name} (${(error as Error).message})`)
    }
  }

  /** Takes one use from each; refused when any is spent (waiting for the longest). */
  async takeAll(spends: [Name, string | null | undefined][]): Promise<BudgetAnswer> {
    let retryAfter = 0
    for (const [name, key] of spends) {
      if (!key) continue
      const answer = await this.take(name, key)
      if (!answer.ok) retryAfter = Math.max(retryAfter, answer.retryAfter)
    }
    return retryAfter ? { ok: false, retryAfter } : { ok: true }
  }
}

/** The 429 a spent budget answers. */
export function refuseTooMany(res: MedusaResponse, retryAfter: number, message: string) {
  res.setHeader("Retry-After", String(retryAfter))
  res.status(429).json({ type: "too_many_requests", message: `${message}; retry after ${retryAfter} s` })
}

export type BudgetSpend<Name extends string> = {
  budgets: Budgets<Name>
  spend: [Name, string | null | undefined][]
  message: string
  /** Budgets given back when the route answers a client error (4xx): what they count is what was done, not tried. */
  refundOnClientError?: Name[]
}

/**
 * A route middleware that takes from budgets before the handler runs. `pick` says which budgets
 * and keys this request spends (it may resolve the plugin's service for its budgets); a refusal
 * answers 429 and the handler never runs.
 */
export function spendBudgets<Name extends string>(pick: (req: MedusaRequest) => Promise<BudgetSpend<Name>> | BudgetSpend<Name>) {
  return async function budget(req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) {
    const { budgets, spend, message, refundOnClientError = [] } = await pick(req)
    const answer = await budgets.takeAll(spend)
    if (!answer.ok) return refuseTooMany(res, answer.retryAfter, message)
    if (refundOnClientError.length) {
      res.once("finish", () => {
        if (res.statusCode < 400 || res.statusCode >= 500) return
        for (const [name, key] of spend) {
          if (key && refundOnClientError.includes(name)) void budgets.giveBack(name, key)
        }
      })
    }
    next()
  }
}
