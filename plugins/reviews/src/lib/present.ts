import type { RatingSummary } from "./summary"

export type ReviewRow = {
  id: string
  product_id: string
  variant_id?: string | null
  customer_id?: string | null
  rating: number
  title?: string | null
  content: string
  author_name?: string | null
  verified_purchase: boolean
  status: string
  moderation_reason?: string | null
  source: string
  locale?: string | null
  helpful_count: number
  unhelpful_count: number
  created_at: Date | string
  updated_at: Date | string
  media?: { id: string; url: string }[] | null
  replies?: { content: string; created_at: Date | string; deleted_at?: Date | string | null }[] | null
}

/** A review as shoppers see it: no customer id, no moderation notes. Text is plain text. */
export function storeReview(review: ReviewRow) {
  const reply = (review.replies ?? []).find((r) => !r.deleted_at)
  return {
    id: review.id,
    product_id: review.product_id,
    variant_id: review.variant_id ?? null,
    rating: review.rating,
    title: review.title ?? null,
    content: review.content,
    author_name: review.author_name ?? null,
    verified_purchase: review.verified_purchase,
    locale: review.locale ?? null,
    helpful_count: review.helpful_count,
    unhelpful_count: review.unhelpful_count,
    media: (review.media ?? []).map((m) => ({ id: m.id, url: m.url })),
    reply: reply ? { content: reply.content, created_at: reply.created_at } : null,
    created_at: review.created_at,
    updated_at: review.updated_at,
  }
}

/** The author's own view adds the status (a held review is visible to its author). */
export function ownReview(review: ReviewRow) {
  return { ...storeReview(review), status: review.status }
}

/** The merchant's view: everything. */
export function adminReview(review: ReviewRow, product?: { id: string; title?: string | null; thumbnail?: string | null }) {
  return {
    ...storeReview(review),
    customer_id: review.customer_id ?? null,
    status: review.status,
    moderation_reason: review.moderation_reason ?? null,
    source: review.source,
    product: product ? { id: product.id, title: product.title ?? null, thumbnail: product.thumbnail ?? null } : null,
  }
}

export function storeSummary(summary: RatingSummary) {
  return {
    count: summary.count,
    average: Math.round(summary.average * 100) / 100,
    bayesian_average: Math.round(summary.bayesian_average * 100) / 100,
    histogram: summary.histogram,
  }
}

/** schema.org Product with aggregateRating, for the product page's JSON-LD. */
export function productJsonLd(product: { id: string; title: string; handle?: string | null; thumbnail?: string | null; description?: string | null }, summary: RatingSummary) {
  return {
    "@context": "https://schema.org",
    "@type": "Product",
    name: product.title,
    ...(product.description ? { description: product.description } : {}),
    ...(product.thumbnail ? { image: product.thumbnail } : {}),
    sku: product.handle ?? product.id,
    ...(summary.count
      ? {
          aggregateRating: {
            "@type": "AggregateRating",
            ratingValue: Math.round(summary.average * 100) / 100,
            reviewCount: summary.count,
            bestRating: 5,
            worstRating: 1,
          },
        }
      : {}),
  }
}
