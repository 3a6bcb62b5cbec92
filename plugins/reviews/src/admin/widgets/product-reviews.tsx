import { EmptyState, ErrorState, LoadingState } from "@keel/admin-ui"
import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { AdminProduct, DetailWidgetProps } from "@medusajs/framework/types"
import { Container, Heading, Text } from "@medusajs/ui"
import { Link } from "react-router-dom"
import { formatDate } from "../components/format"
import { ReviewStatusBadge } from "../components/review-status-badge"
import { Stars } from "../components/stars"
import { AdminReview, RatingSummary, useReviews } from "../lib/reviews"

const LATEST = 5

// The product's rating at a glance, from approved reviews, and its latest reviews of any status.
const ProductReviewsWidget = ({ data: product }: DetailWidgetProps<AdminProduct>) => {
  const { data, isPending, error } = useReviews({ product_id: product.id, limit: LATEST })

  return (
    <Container className="divide-y p-0" role="region" aria-label="Reviews">
      <div className="flex items-center justify-between gap-x-4 px-6 py-4">
        <Heading level="h2">Reviews</Heading>
        <Link
          to={`/reviews?product_id=${encodeURIComponent(product.id)}&status=all`}
          className="txt-compact-small-plus text-ui-fg-interactive hover:text-ui-fg-interactive-hover"
        >
          View all reviews
        </Link>
      </div>
      {isPending ? (
        <LoadingState />
      ) : error ? (
        <ErrorState title="Could not load the reviews" error={error} />
      ) : (
        <>
          {data.summary && <RatingOverview summary={data.summary} />}
          {data.reviews.length ? (
            <LatestReviews reviews={data.reviews} />
          ) : (
            <EmptyState title="No reviews yet" description="Reviews shoppers write about this product will show up here." />
          )}
        </>
      )}
    </Container>
  )
}

const RatingOverview = ({ summary }: { summary: RatingSummary }) => (
  <div className="grid grid-cols-1 gap-6 px-6 py-4 sm:grid-cols-[auto_1fr]">
    <div className="flex flex-col gap-y-1">
      <Text size="xlarge" weight="plus" className="text-ui-fg-base">
        {summary.count ? `${summary.average.toFixed(1)} out of 5` : "No rating yet"}
      </Text>
      <Text size="small" className="text-ui-fg-subtle">
        {summary.count === 1 ? "1 approved review" : `${summary.count} approved reviews`}
      </Text>
      <Text size="small" className="text-ui-fg-muted" title="Weighted towards the middle until a product has enough reviews; used for ranking">
        Bayesian average {summary.bayesian_average.toFixed(2)}
      </Text>
    </div>
    <Histogram summary={summary} />
  </div>
)

const Histogram = ({ summary }: { summary: RatingSummary }) => {
  const most = Math.max(1, ...Object.values(summary.histogram))
  return (
    <ul aria-label="Ratings by stars" className="flex flex-col gap-y-1">
      {([5, 4, 3, 2, 1] as const).map((stars) => {
        const count = summary.histogram[stars] ?? 0
        return (
          <li key={stars} className="grid grid-cols-[56px_1fr_40px] items-center gap-x-3">
            <Text size="small" className="text-ui-fg-subtle whitespace-nowrap">
              {stars} {stars === 1 ? "star" : "stars"}
            </Text>
            <div className="bg-ui-bg-component h-2 overflow-hidden rounded-full" aria-hidden>
              <div className="bg-ui-tag-orange-icon h-full rounded-full" style={{ width: `${(count / most) * 100}%` }} />
            </div>
            <Text size="small" className="text-ui-fg-subtle text-right tabular-nums">
              {count}
            </Text>
          </li>
        )
      })}
    </ul>
  )
}

const LatestReviews = ({ reviews }: { reviews: AdminReview[] }) => (
  <ul aria-label="Latest reviews" className="divide-y">
    {reviews.map((review) => (
      <li key={review.id} className="flex items-start justify-between gap-x-4 px-6 py-3">
        <div className="flex min-w-0 flex-col gap-y-1">
          <Stars rating={review.rating} />
          <Text size="small" weight="plus" leading="compact" className="text-ui-fg-base truncate">
            {review.title || review.content}
          </Text>
          <Text size="xsmall" className="text-ui-fg-muted">
            {review.author_name || "Anonymous"}, {formatDate(review.created_at)}
          </Text>
        </div>
        <ReviewStatusBadge status={review.status} />
      </li>
    ))}
  </ul>
)

export const config = defineWidgetConfig({
  zone: "product.details.after",
})

export default ProductReviewsWidget
