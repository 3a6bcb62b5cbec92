import { MedusaError } from "@medusajs/framework/utils"
import type { TrustedProxies } from "@keel/core"
import type { SignalId } from "./contract"
import { ACTIONS } from "./actions"

export type SignalThreshold = { watch: number; act: number }

export type AnalyticsPluginOptions = {
  /** events that occurred up to this many hours before a rollup run are folded in (default 48) */
  lateWindowHours?: number
  /**
   * the storefront ingest route: events per batch (default 100), batches per session per minute
   * (default 60) and batches per client address per minute (default 120; whatever session ids it sends)
   */
  ingest?: { maxBatch?: number; batchesPerMinute?: number; batchesPerMinutePerAddress?: number }
  /** Redis shared by the shop's processes, so the ingest budgets count across all of them (default: per process) */
  redisUrl?: string
  /** proxies whose X-Forwarded-For names the client (load balancer, CDN, storefront server); default none */
  trustedProxies?: TrustedProxies
  /** Signals: the window each value is measured over (default 24 h) and the thresholds */
  signals?: {
    windowHours?: number
    zeroResultSearch?: Partial<SignalThreshold>
    paymentAbandonment?: Partial<SignalThreshold>
    /** transactions per second at the busiest sample */
    databaseLoad?: Partial<SignalThreshold>
  }
  /**
   * The action each signal recommends, in your shop's words (it can name your own settings and
   * providers); the defaults name no app's settings
   */
  actions?: Partial<Record<SignalId, string>>
  /**
   * A catalog response cache that tells each answer's outcome in a response header (`hit` or `miss`),
   * counted for the database-load signal's evidence; without it the hit ratio is "not measured"
   */
  catalogCache?: { header: string }
}

export type ResolvedAnalyticsOptions = {
  lateWindowHours: number
  ingest: { maxBatch: number; batchesPerMinute: number; batchesPerMinutePerAddress: number }
  redisUrl?: string
  trustedProxies?: TrustedProxies
  signals: {
    windowHours: number
    zeroResultSearch: SignalThreshold
    paymentAbandonment: SignalThreshold
    databaseLoad: SignalThreshold
  }
  actions: Record<SignalId, string>
  catalogCache: { header: string } | null
}

export const DEFAULTS: ResolvedAnalyticsOptions = {
  lateWindowHours: 48,
  ingest: { maxBatch: 100, batchesPerMinute: 60, batchesPerMinutePerAddress: 120 },
  signals: {
    windowHours: 24,
    zeroResultSearch: { watch: 0.1, act: 0.2 },
    paymentAbandonment: { watch: 0.3, act: 0.5 },
    databaseLoad: { watch: 200, act: 500 },
  },
  actions: ACTIONS,
  catalogCache: null,
}

function positive(name: string, value: unknown, fallback: number): number {
  if (value === undefined || value === null) return fallback
  const n = Number(value)
  if (!Number.isFinite(n) || n <= 0) {
    throw new MedusaError(MedusaError.Types.INVALID_ARGUMENT, `@keel/analytics: ${name} must be a number above 0, got ${JSON.stringify(value)}`)
  }
  return n
}

function threshold(name: string, given: Partial<SignalThreshold> | undefined, fallback: SignalThreshold): SignalThreshold {
  const t = { watch: positive(`${name}.watch`, given?.watch, fallback.watch), act: positive(`${name}.act`, given?.act, fallback.act) }
  if (t.act < t.watch) {
    throw new MedusaError(MedusaError.Types.INVALID_ARGUMENT, `@keel/analytics: ${name}.act must not be below ${name}.watch`)
  }
  return t
}

export function resolveOptions(options: AnalyticsPluginOptions = {}): ResolvedAnalyticsOptions {
  return {
    lateWindowHours: positive("lateWindowHours", options.lateWindowHours, DEFAULTS.lateWindowHours),
    ingest: {
      maxBatch: Math.floor(positive("ingest.maxBatch", options.ingest?.maxBatch, DEFAULTS.ingest.maxBatch)),
      batchesPerMinute: Math.floor(positive("ingest.batchesPerMinute", options.ingest?.batchesPerMinute, DEFAULTS.ingest.batchesPerMinute)),
      batchesPerMinutePerAddress: Math.floor(
        positive("ingest.batchesPerMinutePerAddress", options.ingest?.batchesPerMinutePerAddress, DEFAULTS.ingest.batchesPerMinutePerAddress)
      ),
    },
    redisUrl: options.redisUrl || undefined,
    trustedProxies: options.trustedProxies,
    signals: {
      windowHours: positive("signals.windowHours", options.signals?.windowHours, DEFAULTS.signals.windowHours),
      zeroResultSearch: threshold("signals.zeroResultSearch", options.signals?.zeroResultSearch, DEFAULTS.signals.zeroResultSearch),
      paymentAbandonment: threshold("signals.paymentAbandonment", options.signals?.paymentAbandonment, DEFAULTS.signals.paymentAbandonment),
      databaseLoad: threshold("signals.databaseLoad", options.signals?.databaseLoad, DEFAULTS.signals.databaseLoad),
    },
    actions: { ...ACTIONS, ...actions(options.actions) },
    catalogCache: catalogCache(options.catalogCache),
  }
}

function actions(given: AnalyticsPluginOptions["actions"]): Partial<Record<SignalId, string>> {
  const out: Partial<Record<SignalId, string>> = {}
  for (const [id, text] of Object.entries(given ?? {})) {
    if (!(id in ACTIONS) || typeof text !== "string" || !text.trim()) {
      throw new MedusaError(MedusaError.Types.INVALID_ARGUMENT, `@keel/analytics: actions.${id} must be a non-empty text for one of ${Object.keys(ACTIONS).join(", ")}`)
    }
    out[id as SignalId] = text
  }
  return out
}

function catalogCache(given: AnalyticsPluginOptions["catalogCache"]): { header: string } | null {
  if (given === undefined || given === null) return null
  if (typeof given?.header !== "string" || !/^[A-Za-z0-9-]{1,64}$/.test(given.header)) {
    throw new MedusaError(MedusaError.Types.INVALID_ARGUMENT, `@keel/analytics: catalogCache.header must be a response header name, got ${JSON.stringify(given?.header)}`)
  }
  return { header: given.header.toLowerCase() }
}
