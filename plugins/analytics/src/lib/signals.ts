import type { Signal, SignalStatus } from "./contract"
import type { SignalThreshold } from "./options"
import { ACTIONS } from "./actions"

export { ACTIONS }
import { ratio, topZeroResultQueries, total, type Row } from "./metrics"

// The seed's three signals, each with the action it recommends. Pure: the route gives the
// rollups and database samples of the current window and of the window before.

/** ok below watch, watch from watch, act from act. */
export function statusOf(value: number | null, threshold: SignalThreshold): SignalStatus {
  if (value === null) return "ok"
  if (value >= threshold.act) return "act"
  if (value >= threshold.watch) return "watch"
  return "ok"
}

/** up or down when the value moved more than 5 % (or from 0), else flat; null without both values. */
export function trendOf(value: number | null, previous: number | null): Signal["trend"] {
  if (value === null || previous === null) return null
  if (previous === 0) return value > 0 ? "up" : "flat"
  const change = (value - previous) / previous
  return change > 0.05 ? "up" : change < -0.05 ? "down" : "flat"
}

const pct = (n: number | null) => (n === null ? "–" : `${(n * 100).toFixed(1)} %`)

/** A signal whose value is a share: `part` of `whole` in the current rows, against the same in the previous. */
function ratioSignal(
  id: "zero_result_search" | "payment_abandonment",
  title: string,
  [part, whole]: [string, string],
  current: Row[],
  previous: Row[],
  threshold: SignalThreshold,
  evidence: (value: number | null, part: number, whole: number) => Signal["evidence"]
): Signal {
  const p = total(current, part)
  const w = total(current, whole)
  const value = ratio(p, w)
  const before = ratio(total(previous, part), total(previous, whole))
  return {
    id,
    title,
    value,
    previous: before,
    unit: "ratio",
    trend: trendOf(value, before),
    threshold,
    status: statusOf(value, threshold),
    action: ACTIONS[id],
    evidence: evidence(value, p, w),
  }
}

export function zeroResultSignal(current: Row[], previous: Row[], threshold: SignalThreshold): Signal {
  return ratioSignal("zero_result_search", "Zero-result searches", ["zero_result_searches", "searches"], current, previous, threshold, (value, zero, searches) => [
    { label: "Searches", value: String(searches) },
    { label: "Without results", value: `${zero} (${pct(value)})` },
    ...topZeroResultQueries(current, 5).map((q) => ({ label: `“${q.query}”`, value: `${q.searches} searches, no results` })),
  ])
}

export function paymentAbandonmentSignal(current: Row[], previous: Row[], threshold: SignalThreshold): Signal {
  return ratioSignal("payment_abandonment", "Cart abandonment at payment", ["payment_abandoned", "funnel_payment"], current, previous, threshold, (value, abandoned, reached) => [
    { label: "Sessions that reached payment", value: String(reached) },
    { label: "Of them, ordered", value: String(reached - abandoned) },
    { label: "Left at payment", value: `${abandoned} (${pct(value)})` },
  ])
}

export type DbSample = {
  sampled_at: Date
  tps: number
  active_connections: number
  total_connections: number
  max_connections: number
  pool_max: number | null
  blks_read: number
  blks_hit: number
  cache_hits: number
  cache_misses: number
}

/** The database's busiest sample (transactions/s) in the window, with what explains it. */
export function databaseLoadSignal(current: DbSample[], previous: DbSample[], threshold: SignalThreshold, cacheMeasured = true): Signal {
  const peak = (samples: DbSample[]) => (samples.length ? Math.max(...samples.map((s) => s.tps)) : null)
  const value = peak(current)
  const before = peak(previous)
  const sum = (f: (s: DbSample) => number) => current.reduce((n, s) => n + f(s), 0)
  const reads = sum((s) => s.blks_read)
  const hits = sum((s) => s.blks_hit)
  const cacheHits = sum((s) => s.cache_hits)
  const cacheMisses = sum((s) => s.cache_misses)
  const busiest = [...current].sort((a, b) => b.tps - a.tps).slice(0, 5)
  const peakActive = current.length ? Math.max(...current.map((s) => s.active_connections)) : 0
  const pool = current.find((s) => s.pool_max)?.pool_max ?? null
  return {
    id: "database_load",
    title: "Database load",
    value,
    previous: before,
    unit: "per_second",
    trend: trendOf(value, before),
    threshold,
    status: statusOf(value, threshold),
    action: ACTIONS.database_load,
    evidence: [
      { label: "Samples", value: String(current.length) },
      { label: "Average transactions/s", value: current.length ? (sum((s) => s.tps) / current.length).toFixed(1) : "–" },
      { label: "Peak active connections", value: pool ? `${peakActive} of a pool of ${pool}` : String(peakActive) },
      { label: "Database buffer hit ratio", value: pct(ratio(hits, hits + reads)) },
      { label: "Catalog cache hit ratio", value: cacheMeasured ? pct(ratio(cacheHits, cacheHits + cacheMisses)) : "not measured (no catalogCache option)" },
    ],
    peaks: busiest.map((s) => ({ at: s.sampled_at.toISOString(), tps: Math.round(s.tps * 10) / 10, active_connections: s.active_connections })),
  }
}
