import { defineRouteConfig } from "@medusajs/admin-sdk"
import { ChatBubbleLeftRight } from "@medusajs/icons"
import { Container, Heading, Text } from "@medusajs/ui"
import { useState } from "react"
import { ImportReviews } from "../../components/import-drawer"
import { ReplyDrawer } from "../../components/reply-drawer"
import { ReviewsTable } from "../../components/reviews-table"
import { AdminReview } from "../../lib/reviews"

// The moderation queue: what shoppers wrote, waiting to be approved, rejected or answered.
// Filters live in the URL, so the product page's widget can link to one product's reviews.
const ReviewsPage = () => {
  const [replyTo, setReplyTo] = useState<AdminReview | null>(null)

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
      <Container className="overflow-hidden p-0" role="region" aria-label="Review queue">
        <ReviewsTable onReply={setReplyTo} />
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
