import { Badge, Checkbox, Table, Text } from "@medusajs/ui"
import { AdminReview } from "../lib/reviews"
import { formatDate } from "./format"
import { ReviewActions } from "./review-actions"
import { ReviewStatusBadge } from "./review-status-badge"
import { Stars } from "./stars"

type ReviewsTableProps = {
  reviews: AdminReview[]
  selected: Set<string>
  onSelect: (ids: string[], selected: boolean) => void
  onReply: (review: AdminReview) => void
}

export const ReviewsTable = ({ reviews, selected, onSelect, onReply }: ReviewsTableProps) => {
  const allSelected = reviews.every((review) => selected.has(review.id))
  const someSelected = reviews.some((review) => selected.has(review.id))

  return (
    <div className="overflow-x-auto">
      <Table>
        <Table.Header>
          <Table.Row>
            <Table.HeaderCell className="w-8">
              <Checkbox
                aria-label="Select all reviews on this page"
                checked={allSelected ? true : someSelected ? "indeterminate" : false}
                onCheckedChange={(checked) => onSelect(reviews.map((review) => review.id), checked === true)}
              />
            </Table.HeaderCell>
            <Table.HeaderCell>Rating</Table.HeaderCell>
            <Table.HeaderCell>Review</Table.HeaderCell>
            <Table.HeaderCell>Product</Table.HeaderCell>
            <Table.HeaderCell>Status</Table.HeaderCell>
            <Table.HeaderCell>Created</Table.HeaderCell>
            <Table.HeaderCell className="text-right">Actions</Table.HeaderCell>
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {reviews.map((review) => (
            <ReviewRow
              key={review.id}
              review={review}
              isSelected={selected.has(review.id)}
              onSelect={(checked) => onSelect([review.id], checked)}
              onReply={onReply}
            />
          ))}
        </Table.Body>
      </Table>
    </div>
  )
}

type ReviewRowProps = {
  review: AdminReview
  isSelected: boolean
  onSelect: (selected: boolean) => void
  onReply: (review: AdminReview) => void
}

const ReviewRow = ({ review, isSelected, onSelect, onReply }: ReviewRowProps) => (
  <Table.Row data-state={isSelected ? "selected" : undefined} className="align-top">
    <Table.Cell className="py-4">
      <Checkbox
        aria-label={`Select review ${review.id}`}
        checked={isSelected}
        onCheckedChange={(checked) => onSelect(checked === true)}
      />
    </Table.Cell>
    <Table.Cell className="py-3">
      <Stars rating={review.rating} />
    </Table.Cell>
    <Table.Cell className="min-w-[280px] max-w-[480px] py-3">
      <ReviewText review={review} />
    </Table.Cell>
    <Table.Cell className="py-3">
      <Text size="small" leading="compact">
        {review.product?.title ?? review.product_id}
      </Text>
    </Table.Cell>
    <Table.Cell className="py-3">
      <div className="flex flex-col items-start gap-y-1">
        <ReviewStatusBadge status={review.status} />
        {review.moderation_reason && (
          <Text size="xsmall" className="text-ui-fg-muted">
            {review.moderation_reason}
          </Text>
        )}
      </div>
    </Table.Cell>
    <Table.Cell className="whitespace-nowrap py-3">{formatDate(review.created_at)}</Table.Cell>
    <Table.Cell className="py-3">
      <ReviewActions review={review} onReply={onReply} />
    </Table.Cell>
  </Table.Row>
)

/** Shoppers' words, shown as plain text only. */
const ReviewText = ({ review }: { review: AdminReview }) => (
  <div className="flex flex-col gap-y-1">
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
