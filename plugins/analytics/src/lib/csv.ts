import { stringify } from "csv-stringify/sync"
import type { AnalyticsOverview, ExportMetric, SignalsAnswer } from "./contract"

/** One metric of the overview (or the signals) as CSV with a header row. */
export function toCsv(metric: ExportMetric, overview: AnalyticsOverview | null, signals: SignalsAnswer | null): string {
  const table = (header: string[], rows: unknown[][]) => stringify([header, ...rows])
  const o = overview!
  switch (metric) {
    case "series":
      return table(["bucket", "sessions", "orders", `revenue_${o.currency}`, "searches", "zero_result_searches"], o.series.map((p) => [p.bucket, p.sessions, p.orders, p.revenue, p.searches, p.zero_result_searches]))
    case "funnel":
      return table(["step", "label", "sessions", "drop_off", "conversion_from_start"], o.funnel.map((f) => [f.step, f.label, f.sessions, f.drop_off ?? "", f.conversion_from_start ?? ""]))
    case "zero_result_queries":
      return table(["query", "searches"], o.top_zero_result_queries.map((q) => [q.query, q.searches]))
    case "top_products":
      return table(["product_id", "title", "views", "adds", "units"], o.top_products.map((p) => [p.product_id, p.title ?? "", p.views, p.adds, p.units]))
    case "cohorts": {
      const months = Math.max(0, ...o.cohorts.map((c) => c.retention.length))
      return table(["cohort", "customers", ...Array.from({ length: months }, (_, k) => `month_${k}`)], o.cohorts.map((c) => [c.cohort, c.customers, ...c.retention]))
    }
    case "signals":
      return table(
        ["signal", "value", "previous", "trend", "watch", "act", "status", "action"],
        signals!.signals.map((s) => [s.id, s.value ?? "", s.previous ?? "", s.trend ?? "", s.threshold.watch, s.threshold.act, s.status, s.action])
      )
  }
}
