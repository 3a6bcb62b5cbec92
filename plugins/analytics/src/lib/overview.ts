import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { ANALYTICS_MODULE } from "../modules/analytics"
import type AnalyticsModuleService from "../modules/analytics/service"
import type { AnalyticsOverview, SignalsAnswer } from "./contract"
import { cohorts, currenciesOf, funnel, kpis, productIds, series, topProducts, topZeroResultQueries } from "./metrics"
import { databaseLoadSignal, paymentAbandonmentSignal, zeroResultSignal } from "./signals"

/** Metrics the KPIs and the funnel sum over a range. */
export const SCALAR_METRICS = [
  "sessions",
  "sessions_with_order",
  "funnel_view",
  "funnel_add",
  "funnel_checkout",
  "funnel_shipping",
  "funnel_payment",
  "funnel_order",
  "payment_abandoned",
  "search_sessions",
  "search_sessions_with_order",
  "orders",
  "revenue",
  "refunds",
  "refunded",
  "searches",
  "zero_result_searches",
  "orders_new",
  "orders_returning",
]
const SERIES_METRICS = ["sessions", "orders", "revenue", "searches", "zero_result_searches"]
const SIGNAL_METRICS = ["searches", "zero_result_searches", "funnel_payment", "payment_abandoned"]

const HOUR_MS = 3_600_000
const DAY_MS = 24 * HOUR_MS
export const DEFAULT_RANGE_DAYS = 30

/** The range asked for: a missing end is now, a missing start DEFAULT_RANGE_DAYS before it. Hours up to 2 days, days beyond. */
export function resolveRange(input: { from?: Date; to?: Date }, now = new Date()) {
  const to = input.to ?? now
  const from = input.from ?? new Date(to.getTime() - DEFAULT_RANGE_DAYS * DAY_MS)
  const grain: "hour" | "day" = to.getTime() - from.getTime() <= 2 * DAY_MS ? "hour" : "day"
  const step = grain === "hour" ? HOUR_MS : DAY_MS
  // Whole buckets: from the start of the first to the end of the last.
  return { from: new Date(Math.floor(from.getTime() / step) * step), to: new Date(Math.ceil(to.getTime() / step) * step), grain }
}

/** Everything the Analytics page shows for a range, read from the rollups only. */
export async function analyticsOverview(container: MedusaContainer, input: { from?: Date; to?: Date; currency?: string }): Promise<AnalyticsOverview> {
  const service = container.resolve<AnalyticsModuleService>(ANALYTICS_MODULE)
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const range = resolveRange(input)
  // Summed in the database: totals per metric and key, the chart's metrics per bucket, the
  // top keys only. What reaches this process does not grow with the catalog or the range.
  const [totals, bucketed, zeroQueries, productRows, monthRows, rolledUpAt] = await Promise.all([
    service.sumRollups(range.grain, range.from, range.to, { metrics: SCALAR_METRICS }),
    service.sumRollups(range.grain, range.from, range.to, { metrics: SERIES_METRICS, byBucket: true }),
    service.topKeys(range.grain, range.from, range.to, ["zero_result_query"], 10),
    service.topKeys(range.grain, range.from, range.to, ["product_units", "product_adds", "product_views"], 10),
    service.readRollups("month", new Date(Date.UTC(range.from.getUTCFullYear(), range.from.getUTCMonth(), 1)), range.to, ["cohort_customers"]),
    service.rolledUpAt(),
  ])
  const rows = [...totals, ...zeroQueries, ...productRows]
  const currencies = currenciesOf(rows)
  let currency = input.currency ?? currencies[0]
  if (!currency) {
    const { data: stores } = await query.graph({ entity: "store", fields: ["supported_currencies.currency_code", "supported_currencies.is_default"] })
    const supported = (stores[0]?.supported_currencies ?? []) as { currency_code: string; is_default: boolean }[]
    currency = (supported.find((c) => c.is_default) ?? supported[0])?.currency_code ?? ""
  }
  const ids = productIds(rows)
  const { data: products } = ids.length ? await query.graph({ entity: "product", fields: ["id", "title"], filters: { id: ids } }) : { data: [] }
  const titles = Object.fromEntries((products as { id: string; title: string }[]).map((p) => [p.id, p.title]))
  return {
    range: { from: range.from.toISOString(), to: range.to.toISOString(), grain: range.grain },
    currency,
    currencies,
    kpis: kpis(rows, currency),
    series: series(bucketed, range.from, range.to, range.grain, currency),
    funnel: funnel(rows),
    top_zero_result_queries: topZeroResultQueries(rows),
    top_products: topProducts(rows, titles),
    cohorts: cohorts(monthRows),
    rolled_up_at: rolledUpAt?.toISOString() ?? null,
  }
}

/** The three signals over the configured window, each against the window before. */
export async function analyticsSignals(container: MedusaContainer, now = new Date()): Promise<SignalsAnswer> {
  const service = container.resolve<AnalyticsModuleService>(ANALYTICS_MODULE)
  const options = await service.getOptions()
  const hours = options.signals.windowHours
  const end = new Date(Math.ceil(now.getTime() / HOUR_MS) * HOUR_MS)
  const start = new Date(end.getTime() - hours * HOUR_MS)
  const before = new Date(start.getTime() - hours * HOUR_MS)
  const [current, currentQueries, previous, samples, previousSamples] = await Promise.all([
    service.sumRollups("hour", start, end, { metrics: SIGNAL_METRICS }),
    service.topKeys("hour", start, end, ["zero_result_query"], 5),
    service.sumRollups("hour", before, start, { metrics: SIGNAL_METRICS }),
    service.readDbSamples(new Date(now.getTime() - hours * HOUR_MS), new Date(now.getTime() + 1)),
    service.readDbSamples(new Date(now.getTime() - 2 * hours * HOUR_MS), new Date(now.getTime() - hours * HOUR_MS)),
  ])
  return {
    window_hours: hours,
    evaluated_at: now.toISOString(),
    // Each signal recommends the action the app's options give (in its words), else the default.
    signals: [
      zeroResultSignal([...current, ...currentQueries], previous, options.signals.zeroResultSearch),
      paymentAbandonmentSignal(current, previous, options.signals.paymentAbandonment),
      databaseLoadSignal(samples, previousSamples, options.signals.databaseLoad, options.catalogCache !== null),
    ].map((signal) => ({ ...signal, action: options.actions[signal.id] })),
  }
}
