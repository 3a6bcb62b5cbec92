// The admin API's answers, shared by the routes and the admin pages (plain types: no imports).

/** Funnel steps in order: a session counts at a step when it did that step's event. */
export const FUNNEL_STEPS = ["view", "add", "checkout", "shipping", "payment", "order"] as const
export type FunnelStep = (typeof FUNNEL_STEPS)[number]

export type AnalyticsKpis = {
  sessions: number
  orders: number
  /** revenue and AOV in `currency`, in its main unit (e.g. 12.5 = €12.50) */
  revenue: number
  aov: number | null
  /** sessions with an order / sessions (0..1); null without sessions */
  conversion_rate: number | null
  /** sessions that reached the payment step without an order / sessions that reached it (0..1) */
  payment_abandonment_rate: number | null
  searches: number
  zero_result_searches: number
  /** searches without results / searches (0..1) */
  zero_result_rate: number | null
  /** sessions that searched and ordered / sessions that searched (0..1) */
  search_conversion: number | null
  refunds: number
  new_customer_orders: number
  returning_customer_orders: number
}

export type SeriesPoint = {
  /** start of the hour or day, ISO 8601 */
  bucket: string
  sessions: number
  orders: number
  revenue: number
  searches: number
  zero_result_searches: number
}

export type FunnelRow = {
  step: FunnelStep
  label: string
  sessions: number
  /** share of the previous step's sessions lost at this step (0..1); null for the first step or when the previous is 0 */
  drop_off: number | null
  /** this step's sessions / the first step's sessions (0..1); null when the first is 0 */
  conversion_from_start: number | null
}

export type TopProduct = { product_id: string; title: string | null; views: number; adds: number; units: number }
export type ZeroResultQuery = { query: string; searches: number }
/** A monthly cohort: customers whose first order was in `cohort` (YYYY-MM); retention[k] = share of them ordering k months later (retention[0] = 1). */
export type CohortRow = { cohort: string; customers: number; retention: number[] }

export type AnalyticsOverview = {
  range: { from: string; to: string; grain: "hour" | "day" }
  currency: string
  /** currencies with orders in the range */
  currencies: string[]
  kpis: AnalyticsKpis
  series: SeriesPoint[]
  funnel: FunnelRow[]
  top_zero_result_queries: ZeroResultQuery[]
  top_products: TopProduct[]
  cohorts: CohortRow[]
  /** when the rollup job last ran (the numbers are as of then); null if never */
  rolled_up_at: string | null
}

export type SignalId = "zero_result_search" | "payment_abandonment" | "database_load"
export type SignalStatus = "ok" | "watch" | "act"

export type Signal = {
  id: SignalId
  title: string
  /** the current value over the signal's window (a ratio 0..1, or transactions/s for database_load) */
  value: number | null
  /** the same over the window before, for the trend */
  previous: number | null
  unit: "ratio" | "per_second"
  trend: "up" | "down" | "flat" | null
  /** the value at which the status becomes watch, and act (both configurable) */
  threshold: { watch: number; act: number }
  status: SignalStatus
  /** what the seed recommends when the signal says act */
  action: string
  /** the numbers behind the value, as label/value pairs a page can list */
  evidence: { label: string; value: string }[]
  /** for database_load: the busiest sample windows */
  peaks?: { at: string; tps: number; active_connections: number }[]
}

export type SignalsAnswer = { window_hours: number; evaluated_at: string; signals: Signal[] }

/** Metrics `GET /admin/analytics/export?metric=` accepts, each a CSV with a header row. */
export const EXPORT_METRICS = ["series", "funnel", "zero_result_queries", "top_products", "cohorts", "signals"] as const
export type ExportMetric = (typeof EXPORT_METRICS)[number]
