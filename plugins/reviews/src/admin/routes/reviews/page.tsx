import { defineRouteConfig } from "@medusajs/admin-sdk"
import { ChatBubbleLeftRight } from "@medusajs/icons"
import { Container, Heading, Table, Text } from "@medusajs/ui"
import { useEffect, useState } from "react"
import { BulkActions } from "../../components/bulk-actions"
import { EmptyState, LoadingState } from "../../components/empty-state"
import { ImportReviews } from "../../components/import-drawer"
import { ReplyDrawer } from "../../components/reply-drawer"
import { ReviewFilters } from "../../components/review-filters"
import { ReviewsTable } from "../../components/reviews-table"
import { PAGE_SIZE, QueueFilters, toApiFilters, useQueueFilters } from "../../components/use-queue-filters"
import { useErrorToast } from "../../components/use-error-toast"
import { AdminReview, errorMessage, useReviews } from "../../lib/reviews"

// The moderation queue: what shoppers wrote, waiting to be approved, rejected or answered.
// Filters live in the URL, so the product page's widget can link to one product's reviews.
const ReviewsPage = () => {
  const { filters, update, reset, isFiltered } = useQueueFilters()
  const { data, isPending, error } = useReviews(toApiFilters(filters))
  const [selected, setSelected] = useState<Set<string>>(new Set())
  const [replyTo, setReplyTo] = useState<AdminReview | null>(null)
  useErrorToast(error, "Could not load the reviews")

  const reviews = data?.reviews ?? []

  // Approving the last rows of the last page empties it: step back to the page that still has reviews.
  const lastOffset = data?.count ? Math.floor((data.count - 1) / PAGE_SIZE) * PAGE_SIZE : 0
  useEffect(() => {
    if (data && filters.offset > lastOffset) {
      update({ offset: lastOffset })
    }
  }, [data, filters.offset, lastOffset, update])

  // Only rows still on screen count: an approved review that left the queue is no longer selected.
  const selectedIds = reviews.filter((review) => selected.has(review.id)).map((review) => review.id)

  const select = (ids: string[], isSelected: boolean) =>
    setSelected((current) => {
      const next = new Set(current)
      ids.forEach((id) => (isSelected ? next.add(id) : next.delete(id)))
      return next
    })

  const changeFilters = (change: Partial<QueueFilters>) => {
    setSelected(new Set())
    update(change)
  }

  return (
    <div className="flex flex-col gap-y-3">
      <Container className="flex items-start justify-between gap-x-4 px-6 py-4">
        <div className="flex flex-col gap-y-1">
          <Heading level="h1">Reviews</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            Only approved reviews appear in your store. Approve, reject or answer what shoppers wrote.
          </Text>
        </div>
        <ImportReviews />
      </Container>
      <Container className="divide-y p-0" role="region" aria-label="Review queue">
        <ReviewFilters
          filters={filters}
          onChange={changeFilters}
          isFiltered={isFiltered}
          onReset={() => {
            setSelected(new Set())
            reset()
          }}
        />
        {selectedIds.length > 0 && <BulkActions ids={selectedIds} onDone={() => setSelected(new Set())} />}
        {isPending ? (
          <LoadingState />
        ) : error ? (
          <EmptyState title="Could not load the reviews" description={errorMessage(error)} />
        ) : !reviews.length ? (
          <EmptyState
            title={filters.status === "pending" && !isFiltered ? "Nothing to moderate" : "No reviews found"}
            description={
              filters.status === "pending" && !isFiltered
                ? "Every review has been looked at. New ones that need a decision will show up here."
                : "No review matches these filters. Try another status or clear the filters."
            }
          />
        ) : (
          <ReviewsTable reviews={reviews} selected={selected} onSelect={select} onReply={setReplyTo} />
        )}
        {!!data?.count && (
          <Table.Pagination
            count={data.count}
            pageSize={PAGE_SIZE}
            pageIndex={Math.floor(filters.offset / PAGE_SIZE)}
            pageCount={Math.ceil(data.count / PAGE_SIZE)}
            canPreviousPage={filters.offset > 0}
            canNextPage={filters.offset + PAGE_SIZE < data.count}
            previousPage={() => changeFilters({ offset: Math.max(0, filters.offset - PAGE_SIZE) })}
            nextPage={() => changeFilters({ offset: filters.offset + PAGE_SIZE })}
            translations={{ of: "of", results: "reviews", pages: "pages", prev: "Previous", next: "Next" }}
          />
        )}
      </Container>
      <ReplyDrawer review={replyTo} onClose={() => setReplyTo(null)} />
    </div>
  )
}

export const config = defineRouteConfig({
  label: "Reviews",
  icon: ChatBubbleLeftRight,
})

export default ReviewsPage
