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

export function useQueueFilters() {
  const [params, setParams] = useSearchParams()
  const filters = parse(params)

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

  const reset = () => update({ ...DEFAULTS })
  const isFiltered = (Object.keys(DEFAULTS) as (keyof QueueFilters)[]).some((key) => key !== "offset" && filters[key] !== DEFAULTS[key])

  return { filters, update, reset, isFiltered }
}

/** Whole local days: "created before 3 May" includes reviews written on 3 May. */
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
