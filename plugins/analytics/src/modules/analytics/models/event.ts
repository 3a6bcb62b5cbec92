import { model } from "@medusajs/framework/utils"

/**
 * One thing a shopper did, append-only: its name from the PostHog e-commerce spec, the
 * anonymous session (a hash of the storefront's session id), the customer when known, its
 * properties (no personal data: ids, amounts, queries), when it happened and when it arrived.
 * `dedupe_key` makes server-side capture exactly-once (an order is completed once).
 */
export const AnalyticsEvent = model
  .define("keel_analytics_event", {
    id: model.id({ prefix: "aev" }).primaryKey(),
    name: model.text(),
    session_id: model.text().nullable(),
    customer_id: model.text().nullable(),
    properties: model.json().nullable(),
    occurred_at: model.dateTime(),
    received_at: model.dateTime(),
    source: model.enum(["server", "storefront"]),
    dedupe_key: model.text().nullable(),
  })
  .indexes([
    { on: ["occurred_at"] },
    { on: ["received_at"] },
    { on: ["session_id"] },
    // new or returning: a customer's earlier orders
    { on: ["customer_id", "occurred_at"], where: "customer_id IS NOT NULL" },
    { on: ["dedupe_key"], unique: true, where: "dedupe_key IS NOT NULL" },
  ])
