import crypto from "crypto"
import http from "http"
import type { AddressInfo } from "net"
import zlib from "zlib"
import nock from "nock"

/**
 * PayPal's REST API, the part Keel uses, answered inside this process at Node's HTTP layer
 * (nock): PayPal's server SDK fixes its hosts, so the provider's real SDK code builds and
 * sends real requests to https://api-m.sandbox.paypal.com and they are answered here.
 *
 * Covered: the OAuth client-credentials token (every other call must carry it), Orders v2
 * (create, get, patch, authorize, capture), Payments v2 (authorization get, capture, void;
 * capture get, refund), `PayPal-Request-Id` idempotency (a repeated id returns the first
 * answer and does nothing again) and webhook signatures: an event is signed as PayPal does
 * (SHA256withRSA over "transmission id|time|webhook id|CRC32 of the body"), and
 * verify-webhook-signature checks it with the public key.
 *
 * State is kept: an order approved, authorised, then captured stays captured. The buyer's
 * side is played by `approve` (the PayPal window) and `decline` (a funding source refused).
 */

export const PAYPAL_BASE = "https://api-m.sandbox.paypal.com"

type Money = { currency_code: string; value: string }
type Authorization = { id: string; status: string; amount: Money; custom_id?: string; expiration_time: string; order_id: string }
type Capture = { id: string; status: string; amount: Money; custom_id?: string; final_capture: boolean; authorization_id?: string; order_id: string }
type Refund = { id: string; status: string; amount: Money; capture_id: string }
type FakeOrder = {
  id: string
  intent: "AUTHORIZE" | "CAPTURE"
  status: string
  amount: Money
  custom_id?: string
  declined?: string
  create_time: string
}

export type PayPalFake = {
  orders: Map<string, FakeOrder>
  authorizations: Map<string, Authorization>
  captures: Map<string, Capture>
  refunds: Refund[]
  /** Every money-moving call the fake executed (a repeated PayPal-Request-Id is not counted). */
  calls: { op: string; id: string; key?: string }[]
  /** Every request received, executed or not. */
  received: { method: string; path: string; key?: string }[]
  /** The buyer approves the order in PayPal's window. */
  approve: (orderId: string) => void
  /** The buyer approved, but the funding source is refused when the order is authorised. */
  decline: (orderId: string) => void
  /** A webhook event as PayPal sends it; `webhookId` another webhook's id (a forgery). */
  signedEvent: (
    type: string,
    resource: Record<string, unknown>,
    options?: { webhookId?: string; at?: Date; id?: string }
  ) => { body: string; headers: Record<string, string> }
  /** The order's PayPal resources as webhooks carry them. */
  resources: (orderId: string) => { order: Record<string, unknown>; authorization?: Authorization; capture?: Capture }
  /** Fails the next call to this operation after doing it (the answer is lost on the way back). */
  failAfter: (op: string) => void
  /** In server mode: where it listens. */
  url?: string
  stop: () => Promise<void>
}

const id = (length = 17) => crypto.randomBytes(16).toString("hex").toUpperCase().slice(0, length)

function unprocessable(issue: string, description: string) {
  return {
    status: 422,
    body: {
      name: "UNPROCESSABLE_ENTITY",
      message: "The requested action could not be performed, semantically incorrect, or failed business validation.",
      debug_id: id(13).toLowerCase(),
      details: [{ issue, description }],
    },
  }
}

const notFound = () => ({ status: 404, body: { name: "RESOURCE_NOT_FOUND", message: "The specified resource does not exist.", details: [{ issue: "INVALID_RESOURCE_ID", description: "Specified resource ID does not exist." }] } })

const cents = (money: Money) => Math.round(Number(money.value) * 100)

/**
 * mode "nock" (default) answers PayPal's host inside this process; "server" listens on a local
 * port instead, for a Keel running in another process.
 */
export async function startPayPalFake(options: { clientId: string; clientSecret: string; webhookId: string }, mode: "nock" | "server" = "nock"): Promise<PayPalFake> {
  const { privateKey, publicKey } = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 })
  const tokens = new Set<string>()
  const orders = new Map<string, FakeOrder>()
  const authorizations = new Map<string, Authorization>()
  const captures = new Map<string, Capture>()
  const refunds: Refund[] = []
  const calls: PayPalFake["calls"] = []
  const received: PayPalFake["received"] = []
  const idempotent = new Map<string, { status: number; body: unknown }>()
  const failing = new Set<string>()

  const orderJson = (order: FakeOrder) => {
    const auths = [...authorizations.values()].filter((a) => a.order_id === order.id)
    const caps = [...captures.values()].filter((c) => c.order_id === order.id)
    const strip = <T extends { order_id: string }>({ order_id: _omit, ...rest }: T) => rest
    return {
      id: order.id,
      intent: order.intent,
      status: order.status,
      create_time: order.create_time,
      purchase_units: [
        {
          reference_id: "default",
          custom_id: order.custom_id,
          amount: order.amount,
          ...(auths.length || caps.length ? { payments: { authorizations: auths.length ? auths.map(strip) : undefined, captures: caps.length ? caps.map(strip) : undefined } } : {}),
        },
      ],
      links: [
        { href: `${PAYPAL_BASE}/v2/checkout/orders/${order.id}`, rel: "self", method: "GET" },
        ...(order.status === "CREATED" ? [{ href: `https://www.sandbox.paypal.com/checkoutnow?token=${order.id}`, rel: "approve", method: "GET" }] : []),
      ],
    }
  }

  function refundable(capture: Capture) {
    return cents(capture.amount) - refunds.filter((r) => r.capture_id === capture.id).reduce((sum, r) => sum + cents(r.amount), 0)
  }

  type Result = { status: number; body?: unknown; op?: string; opId?: string }

  function handle(method: string, path: string, body: Record<string, unknown>): Result {
    let match: RegExpMatchArray | null
    if (method === "POST" && path === "/v2/checkout/orders") {
      const unit = (body.purchase_units as { custom_id?: string; amount: Money }[])[0]
      const order: FakeOrder = {
        id: id(),
        intent: body.intent as FakeOrder["intent"],
        status: "CREATED",
        amount: unit.amount,
        custom_id: unit.custom_id,
        create_time: new Date().toISOString(),
      }
      orders.set(order.id, order)
      return { status: 201, body: orderJson(order), op: "create", opId: order.id }
    }
    if ((match = path.match(/^\/v2\/checkout\/orders\/([^/]+)$/))) {
      const order = orders.get(match[1])
      if (!order) {
        return notFound()
      }
      if (method === "GET") {
        return { status: 200, body: orderJson(order) }
      }
      if (method === "PATCH") {
        if (!["CREATED", "APPROVED"].includes(order.status)) {
          return unprocessable("ORDER_ALREADY_COMPLETED", "The order cannot be patched after it is completed.")
        }
        for (const patch of body as unknown as { op: string; path: string; value: Money }[]) {
          if (patch.op === "replace" && patch.path === "/purchase_units/@reference_id=='default'/amount") {
            order.amount = { currency_code: patch.value.currency_code, value: patch.value.value }
          }
        }
        return { status: 204 }
      }
    }
    if (method === "POST" && (match = path.match(/^\/v2\/checkout\/orders\/([^/]+)\/(authorize|capture)$/))) {
      const order = orders.get(match[1])
      if (!order) {
        return notFound()
      }
      const want = match[2] === "authorize" ? "AUTHORIZE" : "CAPTURE"
      if (order.intent !== want) {
        return unprocessable(want === "AUTHORIZE" ? "ACTION_DOES_NOT_MATCH_INTENT" : "ACTION_DOES_NOT_MATCH_INTENT", `Order was created with an intent of '${order.intent}'.`)
      }
      if (order.status === "COMPLETED") {
        return unprocessable(want === "AUTHORIZE" ? "ORDER_ALREADY_AUTHORIZED" : "ORDER_ALREADY_CAPTURED", "Order already completed.")
      }
      if (order.status !== "APPROVED") {
        return unprocessable("ORDER_NOT_APPROVED", "Payer has not yet approved the Order for payment. Please redirect the payer to the 'rel':'approve' url returned as part of the HATEOAS links within the Create Order call or provide a valid payment_source in the request.")
      }
      if (order.declined) {
        return unprocessable("INSTRUMENT_DECLINED", "The instrument presented  was either declined by the processor or bank, or it can't be used for this payment.")
      }
      order.status = "COMPLETED"
      if (want === "AUTHORIZE") {
        const authorization: Authorization = {
          id: id(),
          status: "CREATED",
          amount: order.amount,
          custom_id: order.custom_id,
          expiration_time: new Date(Date.now() + 29 * 86400_000).toISOString(),
          order_id: order.id,
        }
        authorizations.set(authorization.id, authorization)
        return { status: 201, body: orderJson(order), op: "authorize", opId: order.id }
      }
      const capture: Capture = { id: id(), status: "COMPLETED", amount: order.amount, custom_id: order.custom_id, final_capture: true, order_id: order.id }
      captures.set(capture.id, capture)
      return { status: 201, body: orderJson(order), op: "capture", opId: order.id }
    }
    if ((match = path.match(/^\/v2\/payments\/authorizations\/([^/]+)(?:\/(capture|void))?$/))) {
      const authorization = authorizations.get(match[1])
      if (!authorization) {
        return notFound()
      }
      const { order_id: _order, ...json } = authorization
      if (method === "GET" && !match[2]) {
        return { status: 200, body: json }
      }
      if (method === "POST" && match[2] === "capture") {
        if (authorization.status === "CAPTURED") {
          return unprocessable("AUTHORIZATION_ALREADY_CAPTURED", "Authorization has been previously captured and hence cannot be captured again.")
        }
        if (authorization.status === "VOIDED") {
          return unprocessable("AUTHORIZATION_VOIDED", "A voided authorization cannot be captured or reauthorized.")
        }
        const amount = (body.amount as Money | undefined) ?? authorization.amount
        authorization.status = "CAPTURED"
        const capture: Capture = { id: id(), status: "COMPLETED", amount, custom_id: authorization.custom_id, final_capture: true, authorization_id: authorization.id, order_id: authorization.order_id }
        captures.set(capture.id, capture)
        const { order_id: _o, authorization_id: _a, ...captureJson } = capture
        return { status: 201, body: captureJson, op: "capture", opId: authorization.id }
      }
      if (method === "POST" && match[2] === "void") {
        if (authorization.status !== "CREATED") {
          return unprocessable("PREVIOUSLY_CAPTURED", "Authorization has been previously captured or voided.")
        }
        authorization.status = "VOIDED"
        return { status: 204, op: "void", opId: authorization.id }
      }
    }
    if ((match = path.match(/^\/v2\/payments\/captures\/([^/]+)(\/refund)?$/))) {
      const capture = captures.get(match[1])
      if (!capture) {
        return notFound()
      }
      const { order_id: _o, authorization_id: _a, ...json } = capture
      if (method === "GET" && !match[2]) {
        return { status: 200, body: json }
      }
      if (method === "POST" && match[2]) {
        const amount = (body.amount as Money | undefined) ?? { currency_code: capture.amount.currency_code, value: (refundable(capture) / 100).toFixed(2) }
        if (cents(amount) <= 0 || cents(amount) > refundable(capture)) {
          return unprocessable("REFUND_AMOUNT_EXCEEDED", "The refund amount must be less than or equal to the capture amount that has not yet been refunded.")
        }
        const refund: Refund = { id: id(), status: "COMPLETED", amount, capture_id: capture.id }
        refunds.push(refund)
        capture.status = refundable(capture) === 0 ? "REFUNDED" : "PARTIALLY_REFUNDED"
        const { capture_id: _c, ...refundJson } = refund
        return { status: 201, body: refundJson, op: "refund", opId: capture.id }
      }
    }
    if (method === "POST" && path === "/v1/notifications/verify-webhook-signature") {
      const event = body.webhook_event
      const message = `${body.transmission_id}|${body.transmission_time}|${body.webhook_id}|${zlib.crc32(JSON.stringify(event))}`
      let ok = false
      try {
        ok =
          body.auth_algo === "SHA256withRSA" &&
          /^https:\/\/api(-m)?\.(sandbox\.)?paypal\.com\//.test(String(body.cert_url)) &&
          crypto.verify("sha256", Buffer.from(message), publicKey, Buffer.from(String(body.transmission_sig), "base64"))
      } catch {
        ok = false
      }
      return { status: 200, body: { verification_status: ok ? "SUCCESS" : "FAILURE" } }
    }
    return notFound()
  }

  type Answer = { status: number; body?: unknown; headers?: Record<string, string> }

  /** One request to PayPal's API, as PayPal would answer it. */
  function respond(method: string, uri: string, headers: Record<string, string | string[] | undefined>, requestBody: unknown): Answer {
    const url = new URL(uri, PAYPAL_BASE)
    if (method === "POST" && url.pathname === "/v1/oauth2/token") {
      const basic = Buffer.from(`${options.clientId}:${options.clientSecret}`).toString("base64")
      if (headers.authorization !== `Basic ${basic}`) {
        return { status: 401, body: { error: "invalid_client", error_description: "Client Authentication failed" } }
      }
      const token = `A21AA${id(40)}`
      tokens.add(token)
      return { status: 200, body: { scope: "https://uri.paypal.com/services/payments/payment", access_token: token, token_type: "Bearer", app_id: "APP-80W284485P519543T", expires_in: 32400, nonce: id() } }
    }
    const key = headers["paypal-request-id"] as string | undefined
    received.push({ method, path: url.pathname, key })
    const bearer = String(headers.authorization ?? "").replace(/^Bearer /, "")
    if (!tokens.has(bearer)) {
      return { status: 401, body: { error: "invalid_token", error_description: "Token signature verification failed" } }
    }
    const scopeKey = key ? `${method} ${url.pathname} ${key}` : undefined
    let answer = scopeKey ? idempotent.get(scopeKey) : undefined
    if (!answer) {
      const parsed = typeof requestBody === "string" && requestBody ? JSON.parse(requestBody) : requestBody || {}
      const result = handle(method, url.pathname, parsed as Record<string, unknown>)
      answer = { status: result.status, body: result.body }
      if (result.op && result.status < 300) {
        calls.push({ op: result.op, id: result.opId!, key })
      }
      if (scopeKey && result.status < 500) {
        idempotent.set(scopeKey, answer)
      }
      if (result.op && result.status < 300 && failing.delete(result.op)) {
        // Done, and the answer never arrives: a crash or a timeout, as the caller sees it.
        return { status: 503, body: { name: "SERVICE_UNAVAILABLE", message: "Service Unavailable." } }
      }
    }
    return { ...answer, headers: answer.body === undefined ? {} : { "content-type": "application/json", "paypal-debug-id": id(13).toLowerCase() } }
  }

  let server: http.Server | undefined
  let url: string | undefined
  if (mode === "nock") {
    if (!nock.isActive()) {
      nock.activate()
    }
    const scope = nock(PAYPAL_BASE).persist()
    for (const method of ["GET", "POST", "PATCH"]) {
      scope.intercept(/^\/v[12]\//, method).reply(function (uri, requestBody) {
        const answer = respond(method, uri, this.req.headers, requestBody)
        return answer.body === undefined ? [answer.status, ""] : [answer.status, answer.body as object, answer.headers]
      })
    }
  } else {
    // nock takes over Node's HTTP clients when it is loaded: give them back to this process.
    nock.restore()
    // For a Keel in another process: integration-tests/helpers/paypal-forward.cjs, preloaded
    // there, hands the SDK's requests for PayPal's host to this server.
    server = http.createServer((req, res) => {
      let raw = ""
      req.on("data", (chunk) => (raw += chunk))
      req.on("end", () => {
        const answer = respond(req.method ?? "GET", req.url ?? "/", req.headers, raw)
        res.writeHead(answer.status, answer.headers)
        res.end(answer.body === undefined ? "" : JSON.stringify(answer.body))
      })
    })
    await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve))
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  }

  return {
    orders,
    authorizations,
    captures,
    refunds,
    calls,
    received,
    approve(orderId) {
      const order = orders.get(orderId)!
      order.status = "APPROVED"
    },
    decline(orderId) {
      const order = orders.get(orderId)!
      order.status = "APPROVED"
      order.declined = "INSTRUMENT_DECLINED"
    },
    resources(orderId) {
      const order = orders.get(orderId)!
      const authorization = [...authorizations.values()].find((a) => a.order_id === orderId)
      const capture = [...captures.values()].find((c) => c.order_id === orderId)
      return { order: orderJson(order), authorization, capture }
    },
    signedEvent(type, resource, eventOptions = {}) {
      const at = (eventOptions.at ?? new Date()).toISOString()
      const transmissionId = crypto.randomUUID()
      const event = {
        id: eventOptions.id ?? `WH-${id(17)}-${id(17)}`,
        event_version: "1.0",
        create_time: at,
        resource_type: type.startsWith("CHECKOUT.") ? "checkout-order" : type.split(".")[1].toLowerCase(),
        resource_version: "2.0",
        event_type: type,
        summary: type,
        resource,
      }
      const body = JSON.stringify(event)
      const message = `${transmissionId}|${at}|${eventOptions.webhookId ?? options.webhookId}|${zlib.crc32(body)}`
      const signature = crypto.sign("sha256", Buffer.from(message), privateKey).toString("base64")
      return {
        body,
        headers: {
          "content-type": "application/json",
          "paypal-auth-algo": "SHA256withRSA",
          "paypal-cert-url": "https://api.sandbox.paypal.com/v1/notifications/certs/CERT-360caa42-fca2a594-a5cafa77",
          "paypal-transmission-id": transmissionId,
          "paypal-transmission-sig": signature,
          "paypal-transmission-time": at,
        },
      }
    },
    failAfter(op) {
      failing.add(op)
    },
    url,
    async stop() {
      if (server) {
        await new Promise<void>((resolve) => server!.close(() => resolve()))
      } else {
        nock.cleanAll()
        // Node's HTTP clients as they were, for the suites that run next in this jest worker.
        nock.restore()
      }
    },
  }
}
