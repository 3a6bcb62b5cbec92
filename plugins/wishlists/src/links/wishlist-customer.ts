import { defineLink } from "@medusajs/framework/utils"
import CustomerModule from "@medusajs/medusa/customer"
import WishlistsModule from "../modules/wishlists"

/**
 * A list's owner, read through its `customer_id` (read-only; null for a guest list):
 * `query.graph({ entity: "keel_wishlist", fields: ["customer.email"] })`.
 */
export default defineLink({ linkable: WishlistsModule.linkable.keelWishlist, field: "customer_id" }, CustomerModule.linkable.customer, { readOnly: true })
