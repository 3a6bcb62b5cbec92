import { defineLink } from "@medusajs/framework/utils"
import ProductModule from "@medusajs/medusa/product"
import ReviewsModule from "../modules/reviews"

/**
 * A review's product, read through its `product_id` (read-only: no link table, nothing to
 * sync). `query.graph({ entity: "keel_review", fields: ["product.title"] })` reads it in one call.
 */
export default defineLink({ linkable: ReviewsModule.linkable.keelReview, field: "product_id" }, ProductModule.linkable.product, { readOnly: true })
