import { model } from "@medusajs/framework/utils"

/**
 * A notification an alert fired, kept until it is sent (an outbox): written in the same run
 * that fired the alert, then delivered through the Notification Module and retried with backoff
 * while it fails (a provider or channel missing, the provider down). After the last attempt it
 * is `dead`, listed in the admin, and retried only when the merchant asks. One row per alert
 * and alert count (`idempotency_key`), so a fired alert is sent at most once.
 */
export const WishlistNotification = model
  .define("keel_wishlist_notification", {
    id: model.id({ prefix: "wlnt" }).primaryKey(),
    /** `keel-wishlist-alert:<alert id>:<its count of alerts fired>`; attempt n > 1 sends it as `<key>:retry-<n>`. */
    idempotency_key: model.text(),
    alert_id: model.text(),
    item_id: model.text(),
    kind: model.enum(["back_in_stock", "price_drop"]),
    to: model.text(),
    channel: model.text(),
    template: model.text(),
    receiver_id: model.text().nullable(),
    data: model.json(),
    status: model.enum(["pending", "sent", "dead"]).default("pending"),
    attempts: model.number().default(0),
    last_error: model.text().nullable(),
    next_attempt_at: model.dateTime(),
    sent_at: model.dateTime().nullable(),
    /** The Notification Module's notification that was sent. */
    notification_id: model.text().nullable(),
  })
  .indexes([
    { on: ["idempotency_key"], unique: true, where: "deleted_at IS NULL" },
    { on: ["status", "next_attempt_at"] },
  ])
