import { cacheTags, type CacheDeclaration } from "@keel/core"
import { REVIEWS_CHANGED_EVENT } from "./lib/events"

/** The tag of every cached answer that shows a product's reviews or rating summary. */
export const reviewTargetTag = (productId: string) => `review-target:${productId}`

function productTags({ params }: { params: Record<string, string> }) {
  // Both answers show the product as well (the summary's JSON-LD names it; both 404 when it is
  // no longer visible), so a change to the product drops them too.
  return [reviewTargetTag(params.id), cacheTags.product(params.id)]
}

/**
 * What an app's catalog response cache may keep of this plugin's store answers, and what drops
 * them: a product's review list and summary are cacheable, and `keel_review.changed` (written,
 * edited, moderated, deleted, voted on, replied to) drops those of the products it names and
 * nothing else. Import as `@keel/reviews/cache` and hand it to the app's cache.
 */
export const reviewsCacheDeclaration: CacheDeclaration = {
  name: "@keel/reviews",
  routes: [
    { path: "/store/products/:id/reviews", tags: productTags },
    { path: "/store/products/:id/reviews/summary", tags: productTags },
  ],
  invalidations: [
    {
      events: [REVIEWS_CHANGED_EVENT],
      tags: (data) => {
        const ids = (data as { product_ids?: unknown } | undefined)?.product_ids
        // An event without product ids (none is emitted so today) cannot be mapped: drop everything.
        if (!Array.isArray(ids) || !ids.every((id) => typeof id === "string")) return [cacheTags.all]
        return ids.map(reviewTargetTag)
      },
    },
  ],
}
