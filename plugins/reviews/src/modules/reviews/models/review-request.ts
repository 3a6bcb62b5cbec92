import { model } from "@medusajs/framework/utils"

/**
 * An invitation to review what an order brought, sent once after the order is fulfilled and
 * a delay has passed. One per order.
 */
export const ReviewRequest = model
  .define("keel_review_request", {
    id: model.id({ prefix: "revreq" }).primaryKey(),
    order_id: model.text(),
    customer_id: model.text().nullable(),
    email: model.text(),
    product_ids: model.json(),
    send_after: model.dateTime(),
    sent_at: model.dateTime().nullable(),
  })
  .indexes([{ on: ["order_id"], unique: true, where: "deleted_at IS NULL" }, { on: ["sent_at", "send_after"] }])
