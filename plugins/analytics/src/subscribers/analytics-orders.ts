import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { orderCompleted } from "../lib/server-events"
import { recordAnalyticsEventsWorkflow } from "../workflows/record-analytics-events"

/** A placed order: "Order Completed", in the session of the cart it came from. */
export default async function analyticsOrderPlaced({ event, container }: SubscriberArgs<{ id: string }>) {
  const events = await orderCompleted(container, event.data.id)
  if (events.length) await recordAnalyticsEventsWorkflow(container).run({ input: events })
}

export const config: SubscriberConfig = { event: "order.placed", context: { subscriberId: "keel-analytics-order-placed" } }
