import { model } from "@medusajs/framework/utils"

/**
 * A payment provider's webhook event Keel has accepted (signature verified), by the
 * provider's own event id: a redelivered event is recognised and not applied again.
 */
export const PaymentWebhookEvent = model
  .define("keel_payment_webhook_event", {
    id: model.id({ prefix: "pwev" }).primaryKey(),
    provider: model.text(),
    event_id: model.text(),
    type: model.text().nullable(),
  })
  .indexes([{ on: ["provider", "event_id"], unique: true, where: "deleted_at IS NULL" }])
