import { createDataTableFilterHelper } from "@medusajs/ui"
import { useMemo } from "react"
import { AdminReview } from "../lib/reviews"

const filterHelper = createDataTableFilterHelper<AdminReview>()

const STATUS_OPTIONS = [
  { value: "pending", label: "Pending" },
  { value: "flagged", label: "Flagged" },
  { value: "approved", label: "Approved" },
  { value: "rejected", label: "Rejected" },
]

const RATING_OPTIONS = [5, 4, 3, 2, 1].map((stars) => ({ value: String(stars), label: stars === 1 ? "1 star" : `${stars} stars` }))

/** The start of the local day `days` days before today, as the date filter's presets hold it. */
const daysAgo = (days: number) => {
  const date = new Date()
  date.setHours(0, 0, 0, 0)
  date.setDate(date.getDate() - days)
  return date.toISOString()
}

/**
 * The queue's filters, as chips in the DataTable's filter bar (use-queue-filters.ts keeps them in
 * the URL). Without a status chip every status is listed; the queue opens on the pending ones.
 */
export function useReviewFilters() {
  return useMemo(
    () => [
      filterHelper.accessor("status", { type: "radio", label: "Status", options: STATUS_OPTIONS }),
      filterHelper.accessor("rating", { type: "radio", label: "Rating", options: RATING_OPTIONS }),
      filterHelper.accessor("product_id", { type: "string", label: "Product ID", placeholder: "prod_…" }),
      filterHelper.accessor("created_at", {
        type: "date",
        label: "Created",
        format: "date",
        rangeOptionLabel: "Custom",
        rangeOptionStartLabel: "From",
        rangeOptionEndLabel: "Until",
        options: [
          { label: "Today", value: { $gte: daysAgo(0) } },
          { label: "Last 7 days", value: { $gte: daysAgo(6) } },
          { label: "Last 30 days", value: { $gte: daysAgo(29) } },
        ],
      }),
    ],
    []
  )
}
