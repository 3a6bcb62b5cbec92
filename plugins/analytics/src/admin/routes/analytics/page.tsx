import { EmptyState, QueryView } from "@keel/admin-ui"
import { defineRouteConfig } from "@medusajs/admin-sdk"
import { ChartBar } from "@medusajs/icons"
import { Button, Container, Heading, Text } from "@medusajs/ui"
import { useState } from "react"
import { Link } from "react-router-dom"
import type { AnalyticsOverview } from "../../../lib/contract"
import { ExportLink } from "../../components/export-link"
import { FunnelChart, FunnelTable } from "../../components/funnel"
import { KpiTiles } from "../../components/kpi-tiles"
import { CohortsTable, TopProductsTable, ZeroResultQueriesTable } from "../../components/overview-tables"
import { CurrencySelect, RangeControls } from "../../components/range-controls"
import { Section } from "../../components/section"
import { SeriesChart } from "../../components/series-chart"
import { formatDateTime, type OverviewParams, useAnalyticsOverview } from "../../lib/analytics"
import { type DateRange, presetRange } from "../../lib/range"

// How the store is doing over a range: traffic and sales, the checkout funnel, search, products and cohorts.
const AnalyticsPage = () => {
  const [range, setRange] = useState<DateRange>(() => presetRange("30d"))
  // Unset until the merchant picks one: the API answers in its default currency then.
  const [currency, setCurrency] = useState<string>()
  const overview = useAnalyticsOverview({ from: range.from, to: range.to, currency })
  const { data, isPlaceholderData, isFetching } = overview

  const params: OverviewParams = { from: range.from, to: range.to, currency: currency ?? data?.currency }

  return (
    <div className="flex flex-col gap-y-3">
      <Container className="flex flex-col gap-y-4 px-6 py-4">
        <div className="flex flex-wrap items-start justify-between gap-4">
          <div className="flex flex-col gap-y-1">
            <Heading level="h1">Analytics</Heading>
            <Text size="small" className="text-ui-fg-subtle">
              Sessions, orders, the checkout funnel and search over the chosen range.
            </Text>
          </div>
          <Button size="small" variant="secondary" asChild>
            <Link to="/analytics/signals">Signals</Link>
          </Button>
        </div>
        <div className="flex flex-wrap items-end gap-4">
          <RangeControls range={range} onChange={setRange} />
          <CurrencySelect value={params.currency} currencies={currencyOptions(data)} onChange={setCurrency} />
        </div>
        {data && (
          <Text size="small" className="text-ui-fg-muted" data-testid="rolled-up-at">
            {data.rolled_up_at ? `Numbers as of ${formatDateTime(data.rolled_up_at)}` : "Not rolled up yet"}
            {isPlaceholderData && isFetching ? " · Updating…" : ""}
          </Text>
        )}
      </Container>
      <QueryView
        query={overview}
        errorTitle="Could not load the analytics"
        empty={(answer) =>
          isEmpty(answer)
            ? {
                title: "No data in this range",
                description:
                  "No sessions, orders or searches were recorded between these dates. Choose a longer range, or check back after the next rollup.",
              }
            : null
        }
      >
        {(answer) => <Overview data={answer} params={params} />}
      </QueryView>
    </div>
  )
}

const Overview = ({ data, params }: { data: AnalyticsOverview; params: OverviewParams }) => (
  <>
    <KpiTiles kpis={data.kpis} currency={data.currency} />
    <Section
      title="Sessions and orders"
      description={data.range.grain === "hour" ? "Per hour" : "Per day"}
      actions={<ExportLink metric="series" params={params} />}
    >
      {data.series.length ? (
        <SeriesChart series={data.series} grain={data.range.grain} />
      ) : (
        <EmptyState title="No activity over time" description="There are no buckets to chart in this range." />
      )}
    </Section>
    <Section
      title="Checkout funnel"
      description="Sessions that reached each step"
      actions={<ExportLink metric="funnel" params={params} />}
    >
      {data.funnel.length ? (
        <>
          <FunnelChart rows={data.funnel} />
          <FunnelTable rows={data.funnel} />
        </>
      ) : (
        <EmptyState title="No funnel yet" description="No session reached the first step in this range." />
      )}
    </Section>
    <div className="grid grid-cols-1 gap-3 xl:grid-cols-2">
      <Section
        title="Searches without results"
        description="Most searched first"
        actions={<ExportLink metric="zero_result_queries" params={params} />}
      >
        <ZeroResultQueriesTable rows={data.top_zero_result_queries} />
      </Section>
      <Section title="Top products" actions={<ExportLink metric="top_products" params={params} />}>
        <TopProductsTable rows={data.top_products} />
      </Section>
    </div>
    <Section
      title="Cohort retention"
      description="Customers by month of first order, and the share ordering again each month after"
      actions={<ExportLink metric="cohorts" params={params} />}
    >
      <CohortsTable rows={data.cohorts} />
    </Section>
  </>
)

/** Nothing happened in the range: no sessions, no orders, no searches. */
const isEmpty = (data: AnalyticsOverview) => data.kpis.sessions === 0 && data.kpis.orders === 0 && data.kpis.searches === 0

/** The answer's currency first, then the others with orders in the range. */
const currencyOptions = (data: AnalyticsOverview | undefined): string[] =>
  data ? [...new Set([data.currency, ...data.currencies].filter(Boolean))] : []

export const config = defineRouteConfig({
  label: "Analytics",
  icon: ChartBar,
})

export default AnalyticsPage
