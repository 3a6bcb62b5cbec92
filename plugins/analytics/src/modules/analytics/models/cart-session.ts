import { model } from "@medusajs/framework/utils"

/** Which storefront session a cart belongs to, so events about the cart (its order, its refund) join the session. */
export const AnalyticsCartSession = model
  .define("keel_analytics_cart_session", {
    id: model.id({ prefix: "acs" }).primaryKey(),
    cart_id: model.text(),
    session_id: model.text(),
  })
  .indexes([{ on: ["cart_id"], unique: true }])
