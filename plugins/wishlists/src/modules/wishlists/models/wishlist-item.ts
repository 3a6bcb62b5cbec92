import { model } from "@medusajs/framework/utils"
import { Wishlist } from "./wishlist"
import { WishlistAlert } from "./wishlist-alert"

/**
 * A variant on a list, with its price when it was added (in the currency the shopper saw) and
 * the alerts the shopper asked for.
 */
export const WishlistItem = model
  .define("keel_wishlist_item", {
    id: model.id({ prefix: "wli" }).primaryKey(),
    variant_id: model.text(),
    product_id: model.text(),
    quantity: model.number().default(1),
    note: model.text().nullable(),
    added_price: model.bigNumber().nullable(),
    added_currency_code: model.text().nullable(),
    wishlist: model.belongsTo(() => Wishlist, { mappedBy: "items" }),
    alerts: model.hasMany(() => WishlistAlert, { mappedBy: "item" }),
  })
  .cascades({ delete: ["alerts"] })
  .indexes([
    { on: ["wishlist_id", "variant_id"], unique: true, where: "deleted_at IS NULL" },
    { on: ["variant_id"] },
    { on: ["product_id"] },
  ])
