import { defineLink } from "@medusajs/framework/utils"
import ProductModule from "@medusajs/medusa/product"
import WishlistsModule from "../modules/wishlists"

/**
 * An item's product, read through the `product_id` kept on the item (read-only), so it is
 * found even when the variant was deleted since: `query.graph({ entity: "keel_wishlist_item",
 * fields: ["product.title"] })`.
 */
export default defineLink({ linkable: WishlistsModule.linkable.keelWishlistItem, field: "product_id" }, ProductModule.linkable.product, { readOnly: true })
