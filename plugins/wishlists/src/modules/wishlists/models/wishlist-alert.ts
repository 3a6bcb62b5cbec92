import { model } from "@medusajs/framework/utils"
import { WishlistItem } from "./wishlist-item"

/**
 * A shopper's request to hear about an item: when it is back in stock, or when its price falls.
 * It also keeps what the last check saw, so one change is announced once:
 * - back in stock: whether the variant was available (`in_stock`); only a change from false to
 *   true is announced.
 * - price drop: the price in `currency_code` (in `region_id` when set) the shopper knows about
 *   (`reference_amount`: the price when they asked, or at the last alert) and the price when
 *   they asked (`saved_amount`).
 */
export const WishlistAlert = model
  .define("keel_wishlist_alert", {
    id: model.id({ prefix: "wla" }).primaryKey(),
    kind: model.enum(["back_in_stock", "price_drop"]),
    in_stock: model.boolean().nullable(),
    currency_code: model.text().nullable(),
    region_id: model.text().nullable(),
    saved_amount: model.bigNumber().nullable(),
    reference_amount: model.bigNumber().nullable(),
    notifications: model.number().default(0),
    last_notified_at: model.dateTime().nullable(),
    item: model.belongsTo(() => WishlistItem, { mappedBy: "alerts" }),
  })
  .indexes([{ on: ["item_id", "kind"], unique: true, where: "deleted_at IS NULL" }, { on: ["kind"] }])
