import type { IEventBusModuleService } from "@medusajs/framework/types"
import { Modules, PaymentWebhookEvents } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"

export type QueuedWebhook = {
  first: boolean
  provider: string
  payload: { data: unknown; rawData: unknown; headers: Record<string, unknown> }
  delay: number
  attempts: number
}

/**
 * Hands a first delivery to Medusa's payment webhook processing (the event Medusa's own
 * route emits: processPaymentWorkflow authorises, captures or fails the payment session).
 */
export const queueWebhookEventStep = createStep("queue-webhook-event", async (input: QueuedWebhook, { container }) => {
  if (!input.first) {
    return new StepResponse(false)
  }
  await container.resolve<IEventBusModuleService>(Modules.EVENT_BUS).emit(
    { name: PaymentWebhookEvents.WebhookReceived, data: { provider: input.provider, payload: input.payload } },
    { delay: input.delay, attempts: input.attempts }
  )
  return new StepResponse(true)
})
