import { defineLink } from "@medusajs/framework/utils"
import ProductModule from "@medusajs/medusa/product"
import WishlistsModule from "../modules/wishlists"

/**
 * An item's variant, read through its `variant_id` (read-only). The variant's own relations
 * follow: `query.graph({ entity: "keel_wishlist_item", fields: ["product_variant.product.title"] })`.
 * null once the variant is deleted.
 */
export default defineLink(
  { linkable: WishlistsModule.linkable.keelWishlistItem, field: "variant_id" },
  ProductModule.linkable.productVariant,
  { readOnly: true }
)
