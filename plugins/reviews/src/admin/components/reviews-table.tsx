import { EmptyState, ErrorState, toastError, useErrorToast } from "@keel/admin-ui"
import {
  Badge,
  createDataTableColumnHelper,
  createDataTableCommandHelper,
  DataTable,
  DataTableRowSelectionState,
  Text,
  toast,
  useDataTable,
} from "@medusajs/ui"
import { useCallback, useEffect, useMemo, useState } from "react"
import { AdminReview, useReviews, useSetReviewStatus } from "../lib/reviews"
import { formatDate } from "./format"
import { ReviewActions } from "./review-actions"
import { useReviewFilters } from "./review-filters"
import { ReviewStatusBadge } from "./review-status-badge"
import { Stars } from "./stars"
import { PAGE_SIZE, toApiFilters, useQueueFilters } from "./use-queue-filters"

const columnHelper = createDataTableColumnHelper<AdminReview>()
const commandHelper = createDataTableCommandHelper()

const useColumns = (onReply: (review: AdminReview) => void) =>
  useMemo(
    () => [
      columnHelper.select(),
      columnHelper.accessor("rating", { header: "Rating", cell: ({ getValue }) => <Stars rating={getValue()} /> }),
      columnHelper.display({
        id: "review",
        header: "Review",
        minSize: 280,
        maxSize: 480,
        cell: ({ row }) => <ReviewText review={row.original} />,
      }),
      columnHelper.accessor((review) => review.product?.title ?? review.product_id, {
        id: "product",
        header: "Product",
        cell: ({ getValue }) => (
          <Text size="small" leading="compact" className="whitespace-normal">
            {getValue()}
          </Text>
        ),
      }),
      columnHelper.display({
        id: "status",
        header: "Status",
        cell: ({ row }) => (
          <div className="flex flex-col items-start gap-y-1 whitespace-normal">
            <ReviewStatusBadge status={row.original.status} />
            {row.original.moderation_reason && (
              <Text size="xsmall" className="text-ui-fg-muted">
                {row.original.moderation_reason}
              </Text>
            )}
          </div>
        ),
      }),
      columnHelper.accessor("created_at", { header: "Created", cell: ({ getValue }) => formatDate(getValue()) }),
      columnHelper.display({
        id: "actions",
        header: "Actions",
        cell: ({ row }) => <ReviewActions review={row.original} onReply={onReply} />,
      }),
    ],
    [onReply]
  )

/** Approve or reject every selected review at once (the command bar shows while rows are selected). */
const useBulkCommands = (clearSelection: () => void) => {
  const setStatus = useSetReviewStatus()
  return useMemo(() => {
    const apply = (selection: DataTableRowSelectionState, status: "approved" | "rejected") => {
      const ids = Object.keys(selection).filter((id) => selection[id])
      if (!ids.length || setStatus.isPending) {
        return
      }
      const reviews = ids.length === 1 ? "1 review" : `${ids.length} reviews`
      setStatus.mutate(
        { ids, status },
        {
          onSuccess: () => {
            toast.success(status === "approved" ? `${reviews} approved` : `${reviews} rejected`)
            clearSelection()
          },
          onError: toastError,
        }
      )
    }
    return [
      commandHelper.command({ label: "Reject selected", shortcut: "r", action: (selection) => apply(selection, "rejected") }),
      commandHelper.command({ label: "Approve selected", shortcut: "a", action: (selection) => apply(selection, "approved") }),
    ]
  }, [setStatus, clearSelection])
}

/**
 * The moderation queue on Medusa's DataTable: filter chips, row selection with bulk commands, paging
 * and each row's own actions. Filters and page live in the URL (use-queue-filters.ts).
 */
export const ReviewsTable = ({ onReply }: { onReply: (review: AdminReview) => void }) => {
  const queue = useQueueFilters()
  const { filters, isFiltered } = queue
  const { data, isPending, error } = useReviews(toApiFilters(filters))
  const [selection, setSelection] = useState<DataTableRowSelectionState>({})
  useErrorToast(error, "Could not load the reviews")

  const reviews = useMemo(() => data?.reviews ?? [], [data])
  const clearSelection = useCallback(() => setSelection({}), [])
  const columns = useColumns(onReply)
  const commands = useBulkCommands(clearSelection)
  const reviewFilters = useReviewFilters()

  // Approving the last rows of the last page empties it: step back to the page that still has reviews.
  const lastOffset = data?.count ? Math.floor((data.count - 1) / PAGE_SIZE) * PAGE_SIZE : 0
  const { update } = queue
  useEffect(() => {
    if (data && filters.offset > lastOffset) {
      update({ offset: lastOffset })
    }
  }, [data, filters.offset, lastOffset, update])

  // Only rows still on screen count: an approved review that left the queue is no longer selected.
  const onScreen = Object.fromEntries(reviews.filter((review) => selection[review.id]).map((review) => [review.id, true]))

  const table = useDataTable({
    data: reviews,
    columns,
    getRowId: (review) => review.id,
    rowCount: data?.count ?? 0,
    isLoading: isPending,
    filters: reviewFilters,
    commands,
    rowSelection: { state: onScreen, onRowSelectionChange: setSelection },
    // A new filter or page is a new list: what was selected on the old one is let go.
    filtering: {
      state: queue.filtering.state,
      onFilteringChange: (state) => {
        setSelection({})
        queue.filtering.onFilteringChange(state)
      },
    },
    pagination: {
      state: queue.pagination.state,
      onPaginationChange: (state) => {
        setSelection({})
        queue.pagination.onPaginationChange(state)
      },
    },
  })

  const queueIsDone = filters.status === "pending" && !isFiltered
  const empty = (
    <EmptyState
      title={queueIsDone ? "Nothing to moderate" : "No reviews found"}
      description={
        queueIsDone
          ? "Every review has been looked at. New ones that need a decision will show up here."
          : "No review matches these filters. Try another status or clear the filters."
      }
    />
  )

  return (
    <DataTable instance={table}>
      <DataTable.Toolbar className="justify-between gap-x-2" translations={{ clearAll: "Clear filters" }}>
        <Text size="small" className="text-ui-fg-subtle">
          Filter by status, rating, product or date.
        </Text>
        <DataTable.FilterMenu tooltip="Add a filter" />
      </DataTable.Toolbar>
      {error ? (
        <ErrorState title="Could not load the reviews" error={error} />
      ) : (
        <DataTable.Table emptyState={{ empty: { custom: empty }, filtered: { custom: empty } }} />
      )}
      {!!data?.count && (
        <DataTable.Pagination translations={{ of: "of", results: "reviews", pages: "pages", prev: "Previous", next: "Next" }} />
      )}
      <DataTable.CommandBar selectedLabel={(count) => `${count} selected`} />
    </DataTable>
  )
}

/** Shoppers' words, shown as plain text only. */
const ReviewText = ({ review }: { review: AdminReview }) => (
  <div className="flex flex-col gap-y-1 whitespace-normal py-2">
    {review.title && (
      <Text size="small" weight="plus" leading="compact" className="text-ui-fg-base">
        {review.title}
      </Text>
    )}
    <Text size="small" className="line-clamp-4 whitespace-pre-line break-words">
      {review.content}
    </Text>
    <div className="flex flex-wrap items-center gap-2">
      <Text size="xsmall" className="text-ui-fg-muted">
        {review.author_name || "Anonymous"}
      </Text>
      {review.verified_purchase && (
        <Badge size="2xsmall" color="green">
          Verified
        </Badge>
      )}
      {review.reply && (
        <Badge size="2xsmall" color="blue">
          Replied
        </Badge>
      )}
    </div>
  </div>
)
