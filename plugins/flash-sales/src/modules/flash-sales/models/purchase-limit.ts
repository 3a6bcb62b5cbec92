import { model } from "@medusajs/framework/utils"

/**
 * How many units of a product one buyer (a customer, or a guest's e-mail) may buy, counted over
 * the sale window [starts_at, ends_at) or for ever when both are empty. Enforced when a cart is
 * completed, across all of the buyer's orders in the window and the checkouts in flight.
 */
export const PurchaseLimit = model
  .define("keel_purchase_limit", {
    id: model.id({ prefix: "plim" }).primaryKey(),
    product_id: model.text(),
    max_quantity: model.number(),
    starts_at: model.dateTime().nullable(),
    ends_at: model.dateTime().nullable(),
  })
  .indexes([{ on: ["product_id"], unique: true, where: "deleted_at IS NULL" }])
