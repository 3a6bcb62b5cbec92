import { Container } from "@medusajs/ui"
import { type ReactNode, useId } from "react"
import type { AnalyticsKpis } from "../../lib/contract"
import { formatInteger, formatMoney, formatPercent } from "../lib/analytics"

type KpiKey = keyof AnalyticsKpis
type KpiDefinition = { key: KpiKey; label: string; format: "integer" | "money" | "percent"; hint?: string }

// In the order the tiles show: traffic and sales, the checkout, search, then customers and refunds.
const KPIS: KpiDefinition[] = [
  { key: "sessions", label: "Sessions", format: "integer" },
  { key: "orders", label: "Orders", format: "integer" },
  { key: "revenue", label: "Revenue", format: "money" },
  { key: "aov", label: "Average order value", format: "money" },
  { key: "conversion_rate", label: "Conversion rate", format: "percent", hint: "Sessions with an order" },
  { key: "payment_abandonment_rate", label: "Payment-step abandonment", format: "percent", hint: "Reached payment, no order" },
  { key: "searches", label: "Searches", format: "integer" },
  { key: "zero_result_searches", label: "Zero-result searches", format: "integer" },
  { key: "zero_result_rate", label: "Zero-result rate", format: "percent", hint: "Searches without results" },
  { key: "search_conversion", label: "Search conversion", format: "percent", hint: "Searching sessions with an order" },
  { key: "new_customer_orders", label: "New customer orders", format: "integer" },
  { key: "returning_customer_orders", label: "Returning customer orders", format: "integer" },
  { key: "refunds", label: "Refunds", format: "integer" },
]

function formatKpi(value: number | null, format: KpiDefinition["format"], currency: string): string {
  switch (format) {
    case "money":
      return formatMoney(value, currency)
    case "percent":
      return formatPercent(value)
    case "integer":
      return formatInteger(value)
  }
}

/** The range's headline figures, one tile per KPI. */
export const KpiTiles = ({ kpis, currency }: { kpis: AnalyticsKpis; currency: string }) => (
  <Container className="overflow-hidden p-0" role="region" aria-label="Key figures">
    {/* Each tile draws its right and bottom border; the negative margins tuck the outer ones under the card's edge. */}
    <dl className="-mb-px -mr-px grid grid-cols-2 sm:grid-cols-3 lg:grid-cols-4 xl:grid-cols-5">
      {KPIS.map((kpi) => (
        <Tile key={kpi.key} testId={`kpi-${kpi.key}`} label={kpi.label} value={formatKpi(kpis[kpi.key], kpi.format, currency)}>
          {kpi.hint}
        </Tile>
      ))}
    </dl>
  </Container>
)

/** A figure named by its label, so assistive technology (and tests) read "Sessions: 1,234". */
const Tile = ({ testId, label, value, children }: { testId: string; label: string; value: string; children?: ReactNode }) => {
  const id = useId()
  return (
    <div className="flex flex-col gap-y-1 border-b border-r px-6 py-4" data-testid={testId}>
      <dt id={id} className="txt-compact-small text-ui-fg-subtle">
        {label}
      </dt>
      <dd aria-labelledby={id} className="txt-xlarge-plus text-ui-fg-base tabular-nums" data-testid={`${testId}-value`}>
        {value}
      </dd>
      {children && <dd className="txt-compact-xsmall text-ui-fg-muted">{children}</dd>}
    </div>
  )
}
