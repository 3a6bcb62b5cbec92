import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { OrderWorkflowEvents } from "@medusajs/framework/utils"
import { scheduleReviewRequestWorkflow } from "../workflows/schedule-review-request"

/** A fulfilled order: its customer is invited to review it later (see the send-review-requests job). */
export default async function orderFulfilledReviewRequest({ event, container }: SubscriberArgs<{ order_id: string }>) {
  await scheduleReviewRequestWorkflow(container).run({ input: { order_id: event.data.order_id } })
}

export const config: SubscriberConfig = {
  event: OrderWorkflowEvents.FULFILLMENT_CREATED,
  context: { subscriberId: "keel-reviews-order-fulfilled" },
}
