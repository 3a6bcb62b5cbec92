import { keepPreviousData, useQuery } from "@tanstack/react-query"
import type { AnalyticsOverview, ExportMetric, SignalsAnswer } from "../../lib/contract"
import { sdk } from "@keel/admin-ui"

// Client side of the analytics admin API (src/api/admin/analytics).

export type OverviewParams = {
  /** ISO 8601 */
  from: string
  /** ISO 8601 */
  to: string
  /** a currency code with orders in the range; the API picks one without it */
  currency?: string
}

const keys = {
  overview: (params: OverviewParams) => ["keel-analytics", "overview", params.from, params.to, params.currency ?? null] as const,
  signals: () => ["keel-analytics", "signals"] as const,
}

/** KPIs, series, funnel and tables for the range (and currency). */
export function useAnalyticsOverview(params: OverviewParams) {
  return useQuery({
    queryKey: keys.overview(params),
    queryFn: () =>
      sdk.client.fetch<AnalyticsOverview>("/admin/analytics/overview", {
        query: params.currency ? { from: params.from, to: params.to, currency: params.currency } : { from: params.from, to: params.to },
      }),
    // Switching the range or currency keeps the current figures until the new ones arrive.
    placeholderData: keepPreviousData,
  })
}

/** The signals as evaluated now; pass a refetch interval to keep a page current. */
export function useAnalyticsSignals(options: { refetchInterval?: number | false } = {}) {
  return useQuery({
    queryKey: keys.signals(),
    queryFn: () => sdk.client.fetch<SignalsAnswer>("/admin/analytics/signals"),
    refetchInterval: options.refetchInterval ?? false,
  })
}

/**
 * Where the browser downloads a metric as CSV: a plain link on the backend's origin, so the dashboard's
 * session cookie goes with it.
 */
export function exportUrl(metric: ExportMetric, params?: OverviewParams): string {
  const base = (import.meta.env.VITE_BACKEND_URL || "").replace(/\/+$/, "")
  const search = new URLSearchParams({ metric })
  if (params) {
    search.set("from", params.from)
    search.set("to", params.to)
    if (params.currency) {
      search.set("currency", params.currency)
    }
  }
  return `${base}/admin/analytics/export?${search.toString()}`
}

// Formatters. Missing values (null: nothing to divide by) show as a dash.

export const NO_VALUE = "–"

const integerFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 })
const decimalFormat = new Intl.NumberFormat(undefined, { minimumFractionDigits: 1, maximumFractionDigits: 1 })
const percentFormat = new Intl.NumberFormat(undefined, { style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1 })
const moneyFormats = new Map<string, Intl.NumberFormat>()

/** 12345 → "12,345". */
export const formatInteger = (value: number | null | undefined) => (value == null ? NO_VALUE : integerFormat.format(value))

/** 12.345 → "12.3". */
export const formatDecimal = (value: number | null | undefined) => (value == null ? NO_VALUE : decimalFormat.format(value))

/** A ratio 0..1: 0.1234 → "12.3%". */
export const formatPercent = (value: number | null | undefined) => (value == null ? NO_VALUE : percentFormat.format(value))

/** An amount in the currency's main unit: 12.5, "eur" → "€12.50". */
export function formatMoney(value: number | null | undefined, currency: string): string {
  if (value == null) {
    return NO_VALUE
  }
  const code = currency.toUpperCase()
  let format = moneyFormats.get(code)
  if (!format) {
    try {
      format = new Intl.NumberFormat(undefined, { style: "currency", currency: code })
    } catch {
      // Not an ISO 4217 code the browser knows: show the number and the code.
      return `${decimalFormat.format(value)} ${code}`
    }
    moneyFormats.set(code, format)
  }
  return format.format(value)
}

const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" })
const dayFormat = new Intl.DateTimeFormat(undefined, { month: "short", day: "numeric" })
const hourFormat = new Intl.DateTimeFormat(undefined, { hour: "numeric", minute: "2-digit" })

/** An ISO date-time as "Jan 5, 2025, 3:00 PM"; an unreadable one as it came. */
export function formatDateTime(iso: string): string {
  const date = new Date(iso)
  return Number.isNaN(date.getTime()) ? iso : dateTimeFormat.format(date)
}

/** A series bucket: the hour for hourly series, else the day. */
export function formatBucket(iso: string, grain: "hour" | "day"): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) {
    return iso
  }
  return grain === "hour" ? hourFormat.format(date) : dayFormat.format(date)
}
