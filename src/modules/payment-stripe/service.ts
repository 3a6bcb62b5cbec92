import { MedusaError } from "@medusajs/framework/utils"
import Stripe from "stripe"
// payment-stripe exports only its module definition; its provider class is extended here.
// The package is pinned with Medusa (2.21.2) and the Stripe suite runs it on every npm test.
// eslint-disable-next-line @medusajs/import-from-framework-not-internal
import { StripeProviderService } from "@medusajs/payment-stripe/dist/services"
// eslint-disable-next-line @medusajs/import-from-framework-not-internal
import { getSmallestUnit } from "@medusajs/payment-stripe/dist/utils/get-smallest-unit"

export type KeelStripeOptions = {
  apiKey: string
  webhookSecret?: string
  capture?: boolean
  automaticPaymentMethods?: boolean
  paymentDescription?: string
  /** Another Stripe API host (a local server speaking Stripe's API, in tests). */
  apiHost?: string
  apiPort?: number
  apiProtocol?: "http" | "https"
}

type CaptureInput = Parameters<StripeProviderService["capturePayment"]>[0]
type RefundInput = Parameters<StripeProviderService["refundPayment"]>[0]
type AuthorizeInput = Parameters<StripeProviderService["authorizePayment"]>[0]
type IntentData = { status?: string; last_payment_error?: { message?: string; code?: string } | null }

/**
 * Medusa's Stripe provider (payment intents, refunds, webhooks, the Payment Element with
 * automatic payment methods: cards, Apple Pay, Google Pay) with three changes:
 *
 * - the Stripe client can be pointed at another host (`apiHost`, `apiPort`, `apiProtocol`),
 *   so the real client code runs against a local server in tests;
 * - a refused payment (card declined, insufficient funds) answers the shopper with Stripe's
 *   own reason and a 400, instead of a generic "Payment authorization failed"; the cart
 *   stays as it was, to be paid with a new payment session;
 * - a capture's idempotency key is the payment intent's, not the capture record's: Medusa
 *   deletes a capture record whose provider call failed and makes a new one on retry, so
 *   its key changes while Stripe may already have captured. One key per intent makes a
 *   retried capture the same request to Stripe, which answers it without capturing twice;
 * - likewise a refund's key is the intent's, the amount refunded before it (kept in the
 *   payment's data, `keel_refunded`, which is written only when the refund is) and its
 *   amount: a retried refund is the same request, the next refund of the same amount is not.
 */
class KeelStripeProviderService extends StripeProviderService {
  constructor(cradle: Record<string, unknown>, options: KeelStripeOptions) {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    super(cradle as any, options as any)
    if (options.apiHost) {
      this.stripe_ = new Stripe(options.apiKey, {
        host: options.apiHost,
        port: options.apiPort,
        protocol: options.apiProtocol ?? "https",
        maxNetworkRetries: 0,
      })
    }
  }

  async authorizePayment(input: AuthorizeInput) {
    const result = await super.authorizePayment(input)
    const intent = result.data as IntentData | undefined
    const reason = intent?.last_payment_error?.message
    if (result.status !== "authorized" && result.status !== "captured" && reason) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, reason)
    }
    return result
  }

  async capturePayment(input: CaptureInput) {
    const intentId = (input.data as { id?: string } | undefined)?.id
    return super.capturePayment({
      ...input,
      context: { ...input.context, idempotency_key: intentId ? `keel-capture-${intentId}` : input.context?.idempotency_key },
    })
  }

  async refundPayment(input: RefundInput) {
    const data = (input.data ?? {}) as { id?: string; currency?: string; keel_refunded?: number }
    const minor = getSmallestUnit(input.amount, data.currency ?? "usd")
    const before = data.keel_refunded ?? 0
    const result = await super.refundPayment({
      ...input,
      context: { ...input.context, idempotency_key: data.id ? `keel-refund-${data.id}-${before}-${minor}` : input.context?.idempotency_key },
    })
    return { ...result, data: { ...result.data, keel_refunded: before + minor } }
  }
}

export default KeelStripeProviderService
