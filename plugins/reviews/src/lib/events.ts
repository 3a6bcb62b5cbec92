/**
 * Emitted (with `{ product_ids }`) whenever what shoppers see of a product's reviews may have
 * changed: a review written, edited, moderated, deleted or voted on, or a reply. An app that
 * caches catalog responses invalidates on it.
 */
export const REVIEWS_CHANGED_EVENT = "keel_review.changed"
