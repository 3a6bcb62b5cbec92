/**
 * The review fields the answers are built from (lib/present.ts), for `query.graph` on
 * `keel_review`. Its own relations come from the module; `product.*` and `customer.*` through
 * the read-only links in src/links.
 */
export const REVIEW_FIELDS = [
  "id",
  "product_id",
  "variant_id",
  "customer_id",
  "rating",
  "title",
  "content",
  "author_name",
  "verified_purchase",
  "status",
  "moderation_reason",
  "source",
  "locale",
  "helpful_count",
  "unhelpful_count",
  "created_at",
  "updated_at",
  "media.id",
  "media.url",
  "replies.content",
  "replies.created_at",
  "replies.deleted_at",
]
