import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { queueWebhookEventStep, type QueuedWebhook } from "./steps/queue-webhook-event"
import { recordWebhookEventStep, type WebhookEventRef } from "./steps/record-webhook-event"

/**
 * A verified payment webhook: recorded by the provider's event id, and only the first
 * delivery is queued for processing. Answers whether this delivery was the first.
 */
export const acceptPaymentWebhookWorkflow = createWorkflow(
  "accept-payment-webhook",
  (input: { event: WebhookEventRef } & Omit<QueuedWebhook, "first">) => {
    const recorded = recordWebhookEventStep(input.event)
    const queue = transform({ input, recorded }, ({ input, recorded }) => ({
      first: recorded.first,
      provider: input.provider,
      payload: input.payload,
      delay: input.delay,
      attempts: input.attempts,
    }))
    return new WorkflowResponse(queueWebhookEventStep(queue))
  }
)
