import { model } from "@medusajs/framework/utils"
import { Wishlist } from "./wishlist"

/** A variant on a list, with the price it had when it was added (for price-drop alerts). */
export const WishlistItem = model
  .define("keel_wishlist_item", {
    id: model.id({ prefix: "wli" }).primaryKey(),
    variant_id: model.text(),
    product_id: model.text(),
    quantity: model.number().default(1),
    note: model.text().nullable(),
    added_price: model.float().nullable(),
    added_currency_code: model.text().nullable(),
    alert_back_in_stock: model.boolean().default(false),
    alert_price_drop: model.boolean().default(false),
    wishlist: model.belongsTo(() => Wishlist, { mappedBy: "items" }),
  })
  .indexes([
    { on: ["wishlist_id", "variant_id"], unique: true, where: "deleted_at IS NULL" },
    { on: ["variant_id"] },
    { on: ["product_id"] },
  ])
