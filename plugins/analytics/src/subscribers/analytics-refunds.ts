import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { PaymentEvents } from "@medusajs/framework/utils"
import { ordersRefunded } from "../lib/server-events"
import { recordAnalyticsEventsWorkflow } from "../workflows/record-analytics-events"

/** A refunded payment: "Order Refunded" for each of its refunds, once. */
export default async function analyticsPaymentRefunded({ event, container }: SubscriberArgs<{ id: string }>) {
  const events = await ordersRefunded(container, event.data.id)
  if (events.length) await recordAnalyticsEventsWorkflow(container).run({ input: events })
}

export const config: SubscriberConfig = { event: PaymentEvents.REFUNDED, context: { subscriberId: "keel-analytics-payment-refunded" } }
