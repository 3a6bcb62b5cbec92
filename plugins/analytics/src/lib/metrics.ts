import { FUNNEL_STEPS, type AnalyticsKpis, type CohortRow, type FunnelRow, type FunnelStep, type SeriesPoint, type TopProduct, type ZeroResultQuery } from "./contract"

// Metrics computed from rollup rows only (never from raw events). Pure functions, so the
// numbers a dashboard shows are unit-tested apart from the database.

export type Row = { bucket: Date; metric: string; key: string; value: number }

export const FUNNEL_LABELS: Record<FunnelStep, string> = {
  view: "Viewed a product",
  add: "Added to cart",
  checkout: "Started checkout",
  shipping: "Chose shipping",
  payment: "Entered payment",
  order: "Ordered",
}

/** a / b, or null when b is 0 */
export const ratio = (a: number, b: number): number | null => (b ? a / b : null)

/** Sum of a metric (for one key, or all keys) over the rows. */
export function total(rows: Row[], metric: string, key?: string): number {
  let sum = 0
  for (const r of rows) if (r.metric === metric && (key === undefined || r.key === key)) sum += r.value
  return sum
}

/** Sums per key of a metric, largest first (ties by key). */
export function byKey(rows: Row[], metric: string): { key: string; value: number }[] {
  const sums = new Map<string, number>()
  for (const r of rows) if (r.metric === metric) sums.set(r.key, (sums.get(r.key) ?? 0) + r.value)
  return [...sums].map(([key, value]) => ({ key, value })).sort((a, b) => b.value - a.value || a.key.localeCompare(b.key))
}

/** The currencies with orders, most orders first. */
export function currenciesOf(rows: Row[]): string[] {
  return byKey(rows, "orders").filter((c) => c.key).map((c) => c.key)
}

export function kpis(rows: Row[], currency: string): AnalyticsKpis {
  const sessions = total(rows, "sessions")
  const orders = total(rows, "orders", currency)
  const revenue = round2(total(rows, "revenue", currency))
  const searches = total(rows, "searches")
  const zero = total(rows, "zero_result_searches")
  return {
    sessions,
    orders,
    revenue,
    aov: orders ? round2(revenue / orders) : null,
    conversion_rate: ratio(total(rows, "sessions_with_order"), sessions),
    payment_abandonment_rate: ratio(total(rows, "payment_abandoned"), total(rows, "funnel_payment")),
    searches,
    zero_result_searches: zero,
    zero_result_rate: ratio(zero, searches),
    search_conversion: ratio(total(rows, "search_sessions_with_order"), total(rows, "search_sessions")),
    refunds: total(rows, "refunds", currency),
    new_customer_orders: total(rows, "orders_new"),
    returning_customer_orders: total(rows, "orders_returning"),
  }
}

/** The funnel in step order with the drop-off at each step. */
export function funnel(rows: Row[]): FunnelRow[] {
  const counts = FUNNEL_STEPS.map((step) => total(rows, `funnel_${step}`))
  return FUNNEL_STEPS.map((step, i) => ({
    step,
    label: FUNNEL_LABELS[step],
    sessions: counts[i],
    drop_off: i === 0 || !counts[i - 1] ? null : Math.max(0, 1 - counts[i] / counts[i - 1]),
    conversion_from_start: ratio(counts[i], counts[0]),
  }))
}

/** One point per bucket from `from` to before `to` (buckets without data are zeros). */
export function series(rows: Row[], from: Date, to: Date, grain: "hour" | "day", currency: string): SeriesPoint[] {
  const step = grain === "hour" ? 3_600_000 : 86_400_000
  const start = Math.floor(from.getTime() / step) * step
  const points = new Map<number, SeriesPoint>()
  for (let t = start; t < to.getTime(); t += step) {
    points.set(t, { bucket: new Date(t).toISOString(), sessions: 0, orders: 0, revenue: 0, searches: 0, zero_result_searches: 0 })
  }
  for (const r of rows) {
    const p = points.get(r.bucket.getTime())
    if (!p) continue
    if (r.metric === "sessions") p.sessions += r.value
    else if (r.metric === "orders" && r.key === currency) p.orders += r.value
    else if (r.metric === "revenue" && r.key === currency) p.revenue = round2(p.revenue + r.value)
    else if (r.metric === "searches") p.searches += r.value
    else if (r.metric === "zero_result_searches") p.zero_result_searches += r.value
  }
  return [...points.values()]
}

export function topZeroResultQueries(rows: Row[], limit = 10): ZeroResultQuery[] {
  return byKey(rows, "zero_result_query")
    .filter((q) => q.key)
    .slice(0, limit)
    .map((q) => ({ query: q.key, searches: q.value }))
}

/** Products by units ordered, then adds, then views. */
export function topProducts(rows: Row[], titles: Record<string, string | null>, limit = 10): TopProduct[] {
  const products = new Map<string, TopProduct>()
  const get = (id: string) => products.get(id) ?? products.set(id, { product_id: id, title: titles[id] ?? null, views: 0, adds: 0, units: 0 }).get(id)!
  for (const r of rows) {
    if (!r.key) continue
    if (r.metric === "product_views") get(r.key).views += r.value
    else if (r.metric === "product_adds") get(r.key).adds += r.value
    else if (r.metric === "product_units") get(r.key).units += r.value
  }
  return [...products.values()].sort((a, b) => b.units - a.units || b.adds - a.adds || b.views - a.views || a.product_id.localeCompare(b.product_id)).slice(0, limit)
}

/** Product ids the top-products table will show, to look their titles up. */
export function productIds(rows: Row[]): string[] {
  return [...new Set(rows.filter((r) => r.key && (r.metric === "product_views" || r.metric === "product_adds" || r.metric === "product_units")).map((r) => r.key))]
}

const monthKey = (d: Date) => `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`
const monthsBetween = (a: string, b: string) => {
  const [ya, ma] = a.split("-").map(Number)
  const [yb, mb] = b.split("-").map(Number)
  return (yb - ya) * 12 + (mb - ma)
}

/**
 * Monthly cohort retention from `cohort_customers` month rows: a cohort's size is its
 * customers in its own month; retention[k] is the share of them ordering k months later.
 */
export function cohorts(monthRows: Row[]): CohortRow[] {
  const cells = new Map<string, Map<number, number>>()
  for (const r of monthRows) {
    if (r.metric !== "cohort_customers") continue
    const k = monthsBetween(r.key, monthKey(r.bucket))
    if (k < 0) continue
    const row = cells.get(r.key) ?? cells.set(r.key, new Map()).get(r.key)!
    row.set(k, (row.get(k) ?? 0) + r.value)
  }
  return [...cells]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([cohort, row]) => {
      const size = row.get(0) ?? 0
      const last = Math.max(0, ...row.keys())
      return { cohort, customers: size, retention: Array.from({ length: last + 1 }, (_, k) => (size ? (row.get(k) ?? 0) / size : 0)) }
    })
}

function round2(n: number) {
  return Math.round(n * 100) / 100
}
