import type { DataTableFilteringState, DataTablePaginationState } from "@medusajs/ui"
import { useState } from "react"
import { useSearchParams } from "react-router-dom"
import { REVIEW_STATUSES, ReviewFilters, ReviewStatus } from "../lib/reviews"

export const PAGE_SIZE = 20

export type StatusFilter = ReviewStatus | "all"

/** The moderation queue's filters as the URL holds them, so a link (e.g. from a product) can open it pre-filtered. */
export type QueueFilters = {
  status: StatusFilter
  /** "any" or "1" to "5". */
  rating: string
  productId: string
  /** Calendar days, YYYY-MM-DD. */
  createdAfter: string
  createdBefore: string
  offset: number
}

const DEFAULTS: QueueFilters = { status: "pending", rating: "any", productId: "", createdAfter: "", createdBefore: "", offset: 0 }

const PARAM: Record<keyof QueueFilters, string> = {
  status: "status",
  rating: "rating",
  productId: "product_id",
  createdAfter: "created_after",
  createdBefore: "created_before",
  offset: "offset",
}

const isDay = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(new Date(`${value}T00:00:00`).getTime())

function parse(params: URLSearchParams): QueueFilters {
  const status = params.get(PARAM.status) ?? ""
  const rating = params.get(PARAM.rating) ?? ""
  const createdAfter = params.get(PARAM.createdAfter) ?? ""
  const createdBefore = params.get(PARAM.createdBefore) ?? ""
  const offset = Number(params.get(PARAM.offset))
  return {
    status: status === "all" || (REVIEW_STATUSES as readonly string[]).includes(status) ? (status as StatusFilter) : DEFAULTS.status,
    rating: /^[1-5]$/.test(rating) ? rating : DEFAULTS.rating,
    productId: params.get(PARAM.productId)?.trim() ?? "",
    createdAfter: isDay(createdAfter) ? createdAfter : "",
    createdBefore: isDay(createdBefore) ? createdBefore : "",
    offset: Number.isInteger(offset) && offset > 0 ? offset : 0,
  }
}

// The DataTable's filters (ids of review-filters.ts). A filter shown without a value yet (just
// added from the menu) has an empty one; the URL only holds filters with a value.
type DateRange = { $gte?: string; $lte?: string }

const isEmpty = (value: unknown) =>
  value === undefined || value === null || value === "" || (typeof value === "object" && !Object.values(value).some(Boolean))

/** A calendar day as the start of that local day, and back. */
const dayStart = (day: string) => new Date(`${day}T00:00:00`).toISOString()
const toDay = (iso: string | undefined) => {
  const date = iso ? new Date(iso) : null
  if (!date || Number.isNaN(date.getTime())) {
    return ""
  }
  const pad = (n: number) => String(n).padStart(2, "0")
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
}

function toFiltering(filters: QueueFilters): DataTableFilteringState {
  const state: DataTableFilteringState = {}
  // No status chip is every status ("all"); the queue opens on the pending ones.
  if (filters.status !== "all") state.status = filters.status
  if (filters.rating !== "any") state.rating = filters.rating
  if (filters.productId) state.product_id = filters.productId
  if (filters.createdAfter || filters.createdBefore) {
    const range: DateRange = {}
    if (filters.createdAfter) range.$gte = dayStart(filters.createdAfter)
    if (filters.createdBefore) range.$lte = dayStart(filters.createdBefore)
    state.created_at = range
  }
  return state
}

function fromFiltering(state: DataTableFilteringState): Omit<QueueFilters, "offset"> {
  const range = (isEmpty(state.created_at) ? {} : state.created_at) as DateRange
  return {
    status: isEmpty(state.status) ? "all" : (state.status as ReviewStatus),
    rating: isEmpty(state.rating) ? "any" : String(state.rating),
    productId: isEmpty(state.product_id) ? "" : String(state.product_id).trim(),
    createdAfter: toDay(range.$gte),
    createdBefore: toDay(range.$lte),
  }
}

export function useQueueFilters() {
  const [params, setParams] = useSearchParams()
  const filters = parse(params)
  // Filters on screen that have no value yet: not in the URL, but the DataTable shows their chip.
  const [unset, setUnset] = useState<string[]>([])

  /** Any change other than paging starts again from the first page. */
  const update = (change: Partial<QueueFilters>) => {
    const next = { ...filters, offset: 0, ...change }
    const search = new URLSearchParams()
    for (const key of Object.keys(PARAM) as (keyof QueueFilters)[]) {
      if (next[key] !== DEFAULTS[key]) {
        search.set(PARAM[key], String(next[key]))
      }
    }
    setParams(search, { replace: true })
  }

  const isFiltered = (Object.keys(DEFAULTS) as (keyof QueueFilters)[]).some((key) => key !== "offset" && filters[key] !== DEFAULTS[key])

  const filtering = {
    state: { ...Object.fromEntries(unset.map((id) => [id, null])), ...toFiltering(filters) },
    onFilteringChange: (state: DataTableFilteringState) => {
      setUnset(Object.keys(state).filter((id) => isEmpty(state[id])))
      update(fromFiltering(state))
    },
  }

  const pagination = {
    state: { pageIndex: Math.floor(filters.offset / PAGE_SIZE), pageSize: PAGE_SIZE },
    onPaginationChange: (state: DataTablePaginationState) => update({ offset: state.pageIndex * PAGE_SIZE }),
  }

  return { filters, update, isFiltered, filtering, pagination }
}

/** Whole local days: "created until 3 May" includes reviews written on 3 May. */
export function toApiFilters(filters: QueueFilters): ReviewFilters {
  return {
    statuses: filters.status === "all" ? undefined : [filters.status],
    rating: filters.rating === "any" ? undefined : Number(filters.rating),
    product_id: filters.productId || undefined,
    created_after: filters.createdAfter ? new Date(`${filters.createdAfter}T00:00:00`).toISOString() : undefined,
    created_before: filters.createdBefore ? new Date(`${filters.createdBefore}T23:59:59.999`).toISOString() : undefined,
    limit: PAGE_SIZE,
    offset: filters.offset,
  }
}
