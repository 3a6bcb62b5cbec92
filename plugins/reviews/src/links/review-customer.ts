import { defineLink } from "@medusajs/framework/utils"
import CustomerModule from "@medusajs/medusa/customer"
import ReviewsModule from "../modules/reviews"

/**
 * A review's author, read through its `customer_id` (read-only; null for an imported review,
 * which has no customer): `query.graph({ entity: "keel_review", fields: ["customer.email"] })`.
 */
export default defineLink({ linkable: ReviewsModule.linkable.keelReview, field: "customer_id" }, CustomerModule.linkable.customer, { readOnly: true })
