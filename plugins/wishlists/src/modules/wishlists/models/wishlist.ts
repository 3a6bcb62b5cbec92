import { model } from "@medusajs/framework/utils"
import { WishlistItem } from "./wishlist-item"
import { WishlistShare } from "./wishlist-share"

/**
 * A named list of variants a shopper keeps for later. A customer's lists carry their id; a
 * guest's list carries the hash of its secret guest token instead (the token itself is shown
 * once, when the list is created).
 */
export const Wishlist = model
  .define("keel_wishlist", {
    id: model.id({ prefix: "wl" }).primaryKey(),
    customer_id: model.text().nullable(),
    guest_token_hash: model.text().nullable(),
    name: model.text(),
    sales_channel_id: model.text(),
    is_default: model.boolean().default(false),
    items: model.hasMany(() => WishlistItem, { mappedBy: "wishlist" }),
    shares: model.hasMany(() => WishlistShare, { mappedBy: "wishlist" }),
  })
  .cascades({ delete: ["items", "shares"] })
  .indexes([
    { on: ["customer_id"] },
    { on: ["guest_token_hash"], unique: true, where: "deleted_at IS NULL AND guest_token_hash IS NOT NULL" },
    // One default list per customer, even when two first uses race.
    { on: ["customer_id"], unique: true, where: "deleted_at IS NULL AND is_default = true AND customer_id IS NOT NULL" },
  ])
