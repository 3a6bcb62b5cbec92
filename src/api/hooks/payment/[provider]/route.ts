import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { IPaymentModuleService } from "@medusajs/framework/types"
import { MedusaError, Modules } from "@medusajs/framework/utils"
import { acceptPaymentWebhookWorkflow } from "../../../../workflows/payments/accept-payment-webhook"

// As Medusa's route: processing waits a little (a webhook can arrive before the request
// that caused it has committed) and is retried.
const DEFAULT_DELAY_MS = 5000
const DEFAULT_ATTEMPTS = 3

/**
 * POST /hooks/payment/:provider (e.g. stripe_stripe, paypal_paypal), replacing Medusa's
 * route, which accepts any body and checks the signature later, in the background.
 * Here the provider verifies the event first (Stripe: the Stripe-Signature HMAC and a
 * timestamp at most 300 s old; PayPal: its verify-webhook-signature API): a bad one gets a
 * 400 and changes nothing. A verified event is recorded by its id, and only its first
 * delivery is processed, so a redelivered event (providers retry until they get a 2xx)
 * applies once.
 */
export const POST = async (req: MedusaRequest, res: MedusaResponse) => {
  const provider = req.params.provider
  const payload = { data: req.body as Record<string, unknown>, rawData: req.rawBody, headers: req.headers }
  const payment = req.scope.resolve<IPaymentModuleService>(Modules.PAYMENT)
  const [registered] = await payment.listPaymentProviders({ id: `pp_${provider}` })
  if (!registered) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `No payment provider ${JSON.stringify(provider.slice(0, 60))} takes webhooks here`)
  }
  try {
    await payment.getWebhookActionAndData({ provider, payload })
  } catch (error) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `Webhook Error: ${(error as Error).message}`)
  }
  const eventId = (req.body as { id?: unknown } | undefined)?.id
  if (typeof eventId !== "string" || !eventId) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, "Webhook Error: the event has no id")
  }
  const options = (payment as unknown as { options?: { webhook_delay?: number; webhook_retries?: number } }).options ?? {}
  const { result: first } = await acceptPaymentWebhookWorkflow(req.scope).run({
    input: {
      event: { provider, event_id: eventId, type: (req.body as { type?: string; event_type?: string }).type ?? (req.body as { event_type?: string }).event_type },
      provider,
      payload,
      delay: options.webhook_delay ?? DEFAULT_DELAY_MS,
      attempts: options.webhook_retries ?? DEFAULT_ATTEMPTS,
    },
  })
  res.status(200).json({ received: true, duplicate: !first })
}
