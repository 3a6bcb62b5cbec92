import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { KEEL_PAYMENTS_MODULE } from "../../../modules/keel-payments"
import type KeelPaymentsModuleService from "../../../modules/keel-payments/service"

export type WebhookEventRef = { provider: string; event_id: string; type?: string | null }

/** Records the event; `first` is false for a redelivery. Undone by forgetting it. */
export const recordWebhookEventStep = createStep(
  "record-webhook-event",
  async (event: WebhookEventRef, { container }) => {
    const first = await container.resolve<KeelPaymentsModuleService>(KEEL_PAYMENTS_MODULE).recordWebhookEvent(event)
    return new StepResponse({ first }, first ? event : undefined)
  },
  async (event, { container }) => {
    if (event) {
      await container.resolve<KeelPaymentsModuleService>(KEEL_PAYMENTS_MODULE).forgetWebhookEvent(event)
    }
  }
)
