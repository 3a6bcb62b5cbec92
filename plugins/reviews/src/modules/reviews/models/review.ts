import { model } from "@medusajs/framework/utils"
import { ReviewMedia } from "./review-media"
import { ReviewReply } from "./review-reply"
import { ReviewVote } from "./review-vote"

export const REVIEW_STATUSES = ["pending", "approved", "rejected", "flagged"] as const
export const REVIEW_SOURCES = ["storefront", "import", "request"] as const

/**
 * A shopper's review of a product. One per customer per product (a partial unique index, so
 * two creates at once cannot both win). Content is plain text: it is stored as written and
 * never rendered as HTML by Keel.
 */
export const Review = model
  .define("keel_review", {
    id: model.id({ prefix: "rev" }).primaryKey(),
    product_id: model.text(),
    variant_id: model.text().nullable(),
    customer_id: model.text().nullable(),
    /** The order and line that make this a verified purchase. */
    order_id: model.text().nullable(),
    order_line_item_id: model.text().nullable(),
    verified_purchase: model.boolean().default(false),
    rating: model.number(),
    title: model.text().nullable(),
    content: model.text(),
    /** The name shown with the review (the customer's first name, or an import's reviewer). */
    author_name: model.text().nullable(),
    status: model.enum([...REVIEW_STATUSES]).default("pending"),
    /** Why moderation held or flagged it (e.g. "profanity", "links"). */
    moderation_reason: model.text().nullable(),
    source: model.enum([...REVIEW_SOURCES]).default("storefront"),
    locale: model.text().nullable(),
    helpful_count: model.number().default(0),
    unhelpful_count: model.number().default(0),
    /** An import's own id for the row, so importing the same file twice adds nothing. */
    external_id: model.text().nullable(),
    media: model.hasMany(() => ReviewMedia, { mappedBy: "review" }),
    replies: model.hasMany(() => ReviewReply, { mappedBy: "review" }),
    votes: model.hasMany(() => ReviewVote, { mappedBy: "review" }),
  })
  .cascades({ delete: ["media", "replies", "votes"] })
  .indexes([
    { on: ["product_id", "customer_id"], unique: true, where: "deleted_at IS NULL AND customer_id IS NOT NULL" },
    { on: ["product_id", "status", "created_at"] },
    { on: ["status", "created_at"] },
    { on: ["customer_id"] },
    { on: ["external_id"], unique: true, where: "deleted_at IS NULL AND external_id IS NOT NULL" },
  ])
