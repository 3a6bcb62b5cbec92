/**
 * Emitted (with `{ product_ids }`) whenever what shoppers see of a product's reviews may have
 * changed: a review written, edited, moderated, deleted or voted on, or a reply. An app that
 * caches catalog responses invalidates on it.
 */
export const REVIEWS_CHANGED_EVENT = "keel_review.changed"

/**
 * Emitted once per review written by a customer (`{ id, product_id, customer_id, rating,
 * verified_purchase }`): analytics counts it as "Product Reviewed". Imports do not emit it.
 */
export const REVIEW_CREATED_EVENT = "keel_review.created"
