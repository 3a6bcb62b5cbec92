import {
  ApiError,
  CheckoutPaymentIntent,
  Client,
  Environment,
  OrdersController,
  PatchOp,
  PaymentsController,
  type Order,
} from "@paypal/paypal-server-sdk"
import type {
  AuthorizePaymentInput,
  AuthorizePaymentOutput,
  BigNumberInput,
  CancelPaymentInput,
  CancelPaymentOutput,
  CapturePaymentInput,
  CapturePaymentOutput,
  DeletePaymentInput,
  DeletePaymentOutput,
  GetPaymentStatusInput,
  GetPaymentStatusOutput,
  InitiatePaymentInput,
  InitiatePaymentOutput,
  Logger,
  PaymentSessionStatus as SessionStatus,
  ProviderWebhookPayload,
  RefundPaymentInput,
  RefundPaymentOutput,
  RetrievePaymentInput,
  RetrievePaymentOutput,
  UpdatePaymentInput,
  UpdatePaymentOutput,
  WebhookActionResult,
} from "@medusajs/framework/types"
import {
  AbstractPaymentProvider,
  MathBN,
  MedusaError,
  PaymentActions,
  PaymentSessionStatus,
} from "@medusajs/framework/utils"

export type KeelPayPalOptions = {
  clientId: string
  clientSecret: string
  /** "sandbox" (default) or "live". */
  environment?: string
  /** The webhook's id in the PayPal developer dashboard; events are verified against it. */
  webhookId?: string
  /** Capture when the buyer approves (intent CAPTURE) instead of authorising for a later capture. */
  capture?: boolean
  /** Shown to the buyer on PayPal's page; defaults to the store's name in the PayPal account. */
  brandName?: string
  /** How old a webhook's transmission time may be, in seconds (default 300). */
  webhookTolerance?: number
}

/** What Keel keeps of a PayPal order on the payment session and payment (their `data`). */
export type PayPalData = {
  /** The PayPal order id: the storefront's PayPal Buttons take it from `createOrder`. */
  id?: string
  status?: string
  intent?: string
  session_id?: string
  currency_code?: string
  /** The amount as PayPal has it ("12.50"). */
  amount?: string
  /** Where the buyer approves the order without the JS SDK (redirect flow). */
  approve_url?: string
  authorization_id?: string
  authorization_status?: string
  capture_id?: string
  capture_status?: string
  /** Refunded so far, in the currency's smallest unit: part of each refund's idempotency key. */
  refunded_minor?: number
  refund_ids?: string[]
}

const WEBHOOK_HEADERS = {
  auth_algo: "paypal-auth-algo",
  cert_url: "paypal-cert-url",
  transmission_id: "paypal-transmission-id",
  transmission_sig: "paypal-transmission-sig",
  transmission_time: "paypal-transmission-time",
} as const

type WebhookResource = {
  id?: string
  custom_id?: string
  status?: string
  amount?: { value?: string; currency_code?: string }
  purchase_units?: { custom_id?: string; amount?: { value?: string; currency_code?: string } }[]
}

/** Digits after the point for a currency, as PayPal wants its amounts (JPY 0, EUR 2). */
export function currencyDigits(currency: string): number {
  return new Intl.NumberFormat("en", { style: "currency", currency: currency.toUpperCase() }).resolvedOptions().maximumFractionDigits ?? 2
}

/** Medusa's amount (major units) as PayPal's decimal string. */
export function toPayPalValue(amount: BigNumberInput, currency: string): string {
  return MathBN.convert(amount).decimalPlaces(currencyDigits(currency)).toFixed(currencyDigits(currency))
}

function toMinor(amount: BigNumberInput, currency: string): number {
  return MathBN.convert(amount).shiftedBy(currencyDigits(currency)).integerValue().toNumber()
}

/** PayPal's own explanation of a refused call: the first issue's description, else its message. */
function paypalReason(error: unknown): { issue?: string; text: string; status?: number } {
  if (error instanceof ApiError) {
    const body = (error.result ?? safeJson(error.body)) as { message?: string; details?: { issue?: string; description?: string }[] } | undefined
    const detail = body?.details?.[0]
    return { issue: detail?.issue, text: detail?.description ?? body?.message ?? error.message, status: error.statusCode }
  }
  return { text: (error as Error)?.message ?? String(error) }
}

function safeJson(body: unknown): unknown {
  if (typeof body !== "string") {
    return undefined
  }
  try {
    return JSON.parse(body)
  } catch {
    return undefined
  }
}

// The buyer's side of a refusal (PayPal answers 422 with one of these): the shopper sees
// PayPal's reason and a 400, and pays again with another method or another PayPal order.
const BUYER_ISSUES = new Set([
  "ORDER_NOT_APPROVED",
  "INSTRUMENT_DECLINED",
  "PAYER_ACTION_REQUIRED",
  "PAYER_CANNOT_PAY",
  "TRANSACTION_REFUSED",
  "PAYEE_BLOCKED_TRANSACTION",
  "COMPLIANCE_VIOLATION",
  "MAX_NUMBER_OF_PAYMENT_ATTEMPTS_EXCEEDED",
])

/**
 * PayPal (Orders v2 and Payments v2) as a Medusa payment provider, on PayPal's official
 * server SDK. Provider id `pp_paypal_paypal`; webhooks at `/hooks/payment/paypal_paypal`.
 *
 * - A payment session is a PayPal order (intent AUTHORIZE, or CAPTURE with `capture`), for
 *   the session's amount, its `custom_id` the session id. The storefront renders PayPal's
 *   buttons for `data.id` (or sends the buyer to `data.approve_url`).
 * - Completing the cart authorises the approved order (or captures it, with `capture`).
 *   An order the buyer has not approved, or a refused funding source, is a 400 with PayPal's
 *   reason; the cart stays completable.
 * - Capture, refund (full or partial) and void act on the order's authorization and capture.
 * - Every call that moves money carries a `PayPal-Request-Id` made of the session or
 *   PayPal object and the operation (refunds: the capture, the amount already refunded and
 *   this amount), so a call retried after a crash or a lost answer is the same request to
 *   PayPal, which answers it with the first result instead of moving money again.
 * - Webhooks are verified with PayPal's verify-webhook-signature API (and refused when
 *   their transmission time is older than `webhookTolerance`) before anything acts on them.
 */
class KeelPayPalProviderService extends AbstractPaymentProvider<KeelPayPalOptions> {
  static identifier = "paypal"

  protected readonly options_: KeelPayPalOptions
  protected readonly client_: Client
  protected readonly orders_: OrdersController
  protected readonly payments_: PaymentsController
  protected readonly logger_?: Logger

  static validateOptions(options: Record<string, unknown>) {
    if (!options.clientId || !options.clientSecret) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, "PayPal needs clientId and clientSecret (PAYPAL_CLIENT_ID, PAYPAL_CLIENT_SECRET)")
    }
    const environment = String(options.environment ?? "sandbox").toLowerCase()
    if (!["sandbox", "live", "production"].includes(environment)) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `PAYPAL_ENVIRONMENT must be "sandbox" or "live", not "${options.environment}"`)
    }
  }

  constructor(cradle: Record<string, unknown>, options: KeelPayPalOptions) {
    super(cradle, options)
    this.options_ = options
    this.logger_ = cradle.logger as Logger | undefined
    const environment = String(options.environment ?? "sandbox").toLowerCase()
    this.client_ = new Client({
      clientCredentialsAuthCredentials: { oAuthClientId: options.clientId, oAuthClientSecret: options.clientSecret },
      environment: environment === "sandbox" ? Environment.Sandbox : Environment.Production,
      timeout: 30_000,
    })
    this.orders_ = new OrdersController(this.client_)
    this.payments_ = new PaymentsController(this.client_)
  }

  // --- sessions -----------------------------------------------------------------------

  async initiatePayment({ amount, currency_code, data, context }: InitiatePaymentInput): Promise<InitiatePaymentOutput> {
    const sessionId = (data?.session_id as string | undefined) ?? context?.idempotency_key
    const value = toPayPalValue(amount, currency_code)
    const order = await this.call("create the PayPal order", () =>
      this.orders_.createOrder({
        body: {
          intent: this.options_.capture ? CheckoutPaymentIntent.Capture : CheckoutPaymentIntent.Authorize,
          purchaseUnits: [{ referenceId: "default", customId: sessionId, amount: { currencyCode: currency_code.toUpperCase(), value } }],
          paymentSource: this.options_.brandName
            ? { paypal: { experienceContext: { brandName: this.options_.brandName } } }
            : undefined,
        },
        paypalRequestId: sessionId ? `keel-create-${sessionId}` : undefined,
        prefer: "return=representation",
      })
    )
    return {
      id: order.id!,
      data: { ...this.orderData(order), session_id: sessionId },
      status: PaymentSessionStatus.PENDING,
    }
  }

  async updatePayment({ amount, currency_code, data }: UpdatePaymentInput): Promise<UpdatePaymentOutput> {
    const current = data as PayPalData
    const value = toPayPalValue(amount, currency_code)
    if (!current?.id) {
      return this.initiatePayment({ amount, currency_code, data })
    }
    if (current.amount === value && current.currency_code === currency_code.toUpperCase()) {
      return { data: current, status: PaymentSessionStatus.PENDING }
    }
    if (current.currency_code !== currency_code.toUpperCase()) {
      // PayPal cannot change an order's currency: a new order replaces it.
      return this.initiatePayment({ amount, currency_code, data: { session_id: current.session_id } })
    }
    await this.call("update the PayPal order", () =>
      this.orders_.patchOrder({
        id: current.id!,
        body: [{ op: PatchOp.Replace, path: "/purchase_units/@reference_id=='default'/amount", value: { currency_code: current.currency_code, value } }],
      })
    )
    return { data: { ...current, amount: value }, status: PaymentSessionStatus.PENDING }
  }

  async deletePayment({ data }: DeletePaymentInput): Promise<DeletePaymentOutput> {
    // An order nobody approved expires on PayPal's side; an authorization is voided.
    return this.cancelPayment({ data })
  }

  // --- money --------------------------------------------------------------------------

  async authorizePayment({ data }: AuthorizePaymentInput): Promise<AuthorizePaymentOutput> {
    const current = data as PayPalData
    const order = await this.getOrder(current)
    if (order.status === "COMPLETED" || order.status === "VOIDED") {
      return this.statusOf(order, current)
    }
    if (order.status !== "APPROVED") {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        "The PayPal payment has not been approved by the buyer yet: approve it in the PayPal window, or choose another payment method."
      )
    }
    const intent = order.intent ?? current.intent
    const done =
      intent === CheckoutPaymentIntent.Capture
        ? await this.call("capture the PayPal order", () =>
            this.orders_.captureOrder({ id: order.id!, paypalRequestId: `keel-capture-order-${order.id}`, prefer: "return=representation" })
          )
        : await this.call("authorise the PayPal order", () =>
            this.orders_.authorizeOrder({ id: order.id!, paypalRequestId: `keel-authorize-${order.id}`, prefer: "return=representation" })
          )
    return this.statusOf(done, current)
  }

  async capturePayment({ data }: CapturePaymentInput): Promise<CapturePaymentOutput> {
    const current = data as PayPalData
    if (current.capture_id && current.capture_status === "COMPLETED") {
      return { data: current }
    }
    const authorizationId = current.authorization_id ?? (await this.statusOf(await this.getOrder(current), current)).data?.authorization_id
    if (!authorizationId) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "This PayPal payment has no authorization to capture.")
    }
    const capture = await this.call("capture the PayPal payment", async () => {
      try {
        return await this.payments_.captureAuthorizedPayment({
          authorizationId: authorizationId as string,
          // One key per authorization: Medusa makes a new capture record when it retries a
          // capture whose answer was lost, and PayPal must see the same request again.
          paypalRequestId: `keel-capture-${authorizationId}`,
          prefer: "return=representation",
          body: { finalCapture: true },
        })
      } catch (error) {
        // Captured already, from PayPal's dashboard (its webhook brings Keel here).
        if (paypalReason(error).issue === "AUTHORIZATION_ALREADY_CAPTURED") {
          return { result: undefined }
        }
        throw error
      }
    })
    if (!capture) {
      const known = this.statusOf(await this.getOrder(current), current)
      if (known.status !== PaymentSessionStatus.CAPTURED) {
        throw new MedusaError(MedusaError.Types.UNEXPECTED_STATE, "PayPal says this authorization was captured, but its order shows no capture")
      }
      return { data: known.data }
    }
    return {
      data: { ...current, authorization_id: authorizationId as string, authorization_status: "CAPTURED", capture_id: capture.id, capture_status: capture.status },
    }
  }

  async refundPayment({ data, amount }: RefundPaymentInput): Promise<RefundPaymentOutput> {
    const current = data as PayPalData
    const captureId = current.capture_id ?? (await this.statusOf(await this.getOrder(current), current)).data?.capture_id
    if (!captureId) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "This PayPal payment has not been captured: there is nothing to refund.")
    }
    const currency = current.currency_code ?? "USD"
    const minor = toMinor(amount, currency)
    const before = current.refunded_minor ?? 0
    const refund = await this.call("refund the PayPal payment", () =>
      this.payments_.refundCapturedPayment({
        captureId: captureId as string,
        // The capture, what was refunded before and this amount: a retry of this refund
        // (same payment data, as nothing was written) is the same request; the next refund
        // of the same amount is not.
        paypalRequestId: `keel-refund-${captureId}-${before}-${minor}`,
        prefer: "return=representation",
        body: { amount: { currencyCode: currency, value: toPayPalValue(amount, currency) } },
      })
    )
    return {
      data: { ...current, capture_id: captureId as string, refunded_minor: before + minor, refund_ids: [...(current.refund_ids ?? []), refund.id!] },
    }
  }

  async cancelPayment({ data }: CancelPaymentInput): Promise<CancelPaymentOutput> {
    const current = (data ?? {}) as PayPalData
    if (!current.authorization_id || current.authorization_status !== "CREATED") {
      return { data: current }
    }
    await this.call("void the PayPal authorization", () =>
      this.payments_.voidPayment({ authorizationId: current.authorization_id!, paypalRequestId: `keel-void-${current.authorization_id}` })
    )
    return { data: { ...current, authorization_status: "VOIDED" } }
  }

  async getPaymentStatus({ data }: GetPaymentStatusInput): Promise<GetPaymentStatusOutput> {
    const current = data as PayPalData
    return this.statusOf(await this.getOrder(current), current)
  }

  async retrievePayment({ data }: RetrievePaymentInput): Promise<RetrievePaymentOutput> {
    const current = data as PayPalData
    return { data: (await this.statusOf(await this.getOrder(current), current)).data }
  }

  // --- webhooks -----------------------------------------------------------------------

  async getWebhookActionAndData(payload: ProviderWebhookPayload["payload"]): Promise<WebhookActionResult> {
    const event = await this.verifyWebhook(payload)
    const resource = (event.resource ?? {}) as WebhookResource
    const sessionId = resource.custom_id ?? resource.purchase_units?.[0]?.custom_id
    // Events for orders Keel did not create (another integration on the account) carry no
    // session id and are not acted upon.
    if (!sessionId) {
      return { action: PaymentActions.NOT_SUPPORTED }
    }
    const amountOf = (value?: { value?: string }) => Number(value?.value ?? 0)
    const data = { session_id: sessionId, amount: amountOf(resource.amount ?? resource.purchase_units?.[0]?.amount) }
    switch (event.event_type) {
      case "CHECKOUT.ORDER.APPROVED":
      case "PAYMENT.AUTHORIZATION.CREATED":
        return { action: PaymentActions.AUTHORIZED, data }
      case "PAYMENT.CAPTURE.COMPLETED":
        return { action: PaymentActions.SUCCESSFUL, data }
      case "PAYMENT.CAPTURE.PENDING":
        return { action: PaymentActions.PENDING, data }
      case "PAYMENT.CAPTURE.DENIED":
      case "CHECKOUT.PAYMENT-APPROVAL.REVERSED":
        return { action: PaymentActions.FAILED, data }
      case "PAYMENT.AUTHORIZATION.VOIDED":
        return { action: PaymentActions.CANCELED, data }
      default:
        return { action: PaymentActions.NOT_SUPPORTED, data }
    }
  }

  /**
   * Asks PayPal whether it sent this event (POST /v1/notifications/verify-webhook-signature,
   * through the SDK's authenticated client). Refuses events without PayPal's transmission
   * headers, older than the tolerance, or that PayPal does not confirm.
   */
  protected async verifyWebhook(payload: ProviderWebhookPayload["payload"]): Promise<{ id?: string; event_type?: string; resource?: unknown }> {
    if (!this.options_.webhookId) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, "PayPal webhooks are not configured (PAYPAL_WEBHOOK_ID)")
    }
    const header = (name: string) => {
      const value = payload.headers?.[name]
      return Array.isArray(value) ? value[0] : value
    }
    const fields = Object.fromEntries(Object.entries(WEBHOOK_HEADERS).map(([field, name]) => [field, header(name)]))
    const missing = Object.entries(fields).filter(([, value]) => !value).map(([field]) => WEBHOOK_HEADERS[field as keyof typeof WEBHOOK_HEADERS])
    if (missing.length) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `Not a PayPal webhook: missing ${missing.join(", ")}`)
    }
    const sentAt = Date.parse(fields.transmission_time as string)
    const tolerance = (this.options_.webhookTolerance ?? 300) * 1000
    if (!Number.isFinite(sentAt) || Math.abs(Date.now() - sentAt) > tolerance) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, "PayPal webhook transmission time is outside the tolerance")
    }
    const raw = payload.rawData ? payload.rawData.toString() : JSON.stringify(payload.data)
    const event = safeJson(raw) as { id?: string; event_type?: string; resource?: unknown } | undefined
    if (!event || typeof event !== "object") {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, "PayPal webhook body is not JSON")
    }
    const request = this.client_.getRequestBuilderFactory()("POST", "/v1/notifications/verify-webhook-signature")
    request.header("Content-Type", "application/json")
    // The event goes back as received: the signature covers its exact bytes.
    request.text(`{"auth_algo":${JSON.stringify(fields.auth_algo)},"cert_url":${JSON.stringify(fields.cert_url)},"transmission_id":${JSON.stringify(fields.transmission_id)},"transmission_sig":${JSON.stringify(fields.transmission_sig)},"transmission_time":${JSON.stringify(fields.transmission_time)},"webhook_id":${JSON.stringify(this.options_.webhookId)},"webhook_event":${raw}}`)
    request.authenticate([{ oauth2: true }])
    const text = await this.call("verify the PayPal webhook", () => request.callAsText())
    const answer = safeJson(text) as { verification_status?: string } | undefined
    if (answer?.verification_status !== "SUCCESS") {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, "PayPal did not confirm this webhook's signature")
    }
    return event
  }

  // --- helpers ------------------------------------------------------------------------

  protected async getOrder(data: PayPalData): Promise<Order> {
    if (!data?.id) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, "This payment has no PayPal order")
    }
    return this.call("read the PayPal order", () => this.orders_.getOrder({ id: data.id! }))
  }

  protected orderData(order: Order): PayPalData {
    const unit = order.purchaseUnits?.[0]
    return {
      id: order.id,
      status: order.status,
      intent: order.intent,
      currency_code: unit?.amount?.currencyCode,
      amount: unit?.amount?.value,
      approve_url: order.links?.find((l) => l.rel === "approve" || l.rel === "payer-action")?.href,
    }
  }

  /** The session status and data for a PayPal order, from its authorization and captures. */
  protected statusOf(order: Order, current: PayPalData): { status: SessionStatus; data: PayPalData } {
    const payments = order.purchaseUnits?.[0]?.payments
    const authorization = payments?.authorizations?.[0]
    const capture = payments?.captures?.[0]
    const data: PayPalData = {
      ...current,
      ...this.orderData(order),
      session_id: current.session_id,
      authorization_id: authorization?.id ?? current.authorization_id,
      authorization_status: authorization?.status ?? current.authorization_status,
      capture_id: capture?.id ?? current.capture_id,
      capture_status: capture?.status ?? current.capture_status,
    }
    let status: SessionStatus = PaymentSessionStatus.PENDING
    if (order.status === "VOIDED" || authorization?.status === "VOIDED") {
      status = PaymentSessionStatus.CANCELED
    } else if (capture && ["COMPLETED", "PARTIALLY_REFUNDED", "REFUNDED"].includes(capture.status ?? "")) {
      status = PaymentSessionStatus.CAPTURED
    } else if (authorization && ["CREATED", "PENDING", "PARTIALLY_CAPTURED", "CAPTURED"].includes(authorization.status ?? "")) {
      status = PaymentSessionStatus.AUTHORIZED
    } else if (capture?.status === "PENDING") {
      status = PaymentSessionStatus.AUTHORIZED
    } else if (authorization?.status === "DENIED" || capture?.status === "DECLINED" || capture?.status === "FAILED") {
      status = PaymentSessionStatus.ERROR
    } else if (order.status === "PAYER_ACTION_REQUIRED") {
      status = PaymentSessionStatus.REQUIRES_MORE
    }
    return { status, data }
  }

  /**
   * One PayPal call. A refusal on the buyer's side (not approved, declined) is a 400 with
   * PayPal's reason; any other failure is logged and thrown as an unexpected state, with
   * PayPal's reason, for Medusa to roll back.
   */
  protected async call<T>(what: string, run: () => Promise<{ result: T }>): Promise<T> {
    try {
      return (await run()).result
    } catch (error) {
      if (error instanceof MedusaError) {
        throw error
      }
      const reason = paypalReason(error)
      if (reason.issue && BUYER_ISSUES.has(reason.issue)) {
        const text = reason.issue === "ORDER_NOT_APPROVED"
          ? "The PayPal payment has not been approved by the buyer yet: approve it in the PayPal window, or choose another payment method."
          : `PayPal refused the payment: ${reason.text}`
        throw new MedusaError(MedusaError.Types.NOT_ALLOWED, text)
      }
      if (reason.status && reason.status >= 400 && reason.status < 500 && reason.status !== 401 && reason.status !== 429) {
        throw new MedusaError(MedusaError.Types.INVALID_DATA, `PayPal could not ${what}: ${reason.issue ? `${reason.issue}: ` : ""}${reason.text}`)
      }
      this.logger_?.error(`PayPal: could not ${what}: ${reason.text}`)
      throw new MedusaError(MedusaError.Types.UNEXPECTED_STATE, `PayPal could not ${what}: ${reason.text}`)
    }
  }
}

export default KeelPayPalProviderService
