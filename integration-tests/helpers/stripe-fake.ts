import crypto from "crypto"
import http from "http"
import type { AddressInfo } from "net"

/**
 * A local server that speaks the part of Stripe's API Keel uses, so the real Stripe client
 * (inside Medusa's payment-stripe provider) runs unchanged against it: PaymentIntents
 * (create, retrieve, update, confirm, capture, cancel), Refunds, idempotency keys (a
 * repeated key returns the first answer and does nothing again, as Stripe does) and webhook
 * signing (`Stripe-Signature: t=…,v1=HMAC-SHA256(secret, "t.payload")`).
 *
 * State is kept: an intent authorised then captured stays captured. Test cards as
 * payment methods: pm_card_visa succeeds, pm_card_chargeDeclined and
 * pm_card_chargeDeclinedInsufficientFunds are declined.
 */

type Intent = {
  id: string
  object: "payment_intent"
  amount: number
  amount_capturable: number
  amount_received: number
  currency: string
  capture_method: string
  status: string
  client_secret: string
  metadata: Record<string, string>
  automatic_payment_methods: { enabled: boolean } | null
  payment_method: string | null
  last_payment_error: { code: string; message: string } | null
  latest_charge: string | null
  created: number
  livemode: false
}

type Refund = { id: string; object: "refund"; amount: number; payment_intent: string; status: "succeeded"; currency: string }

export type StripeFake = {
  url: string
  host: string
  port: number
  intents: Map<string, Intent>
  refunds: Refund[]
  /** Every money-moving call the fake executed (a repeated idempotency key is not counted). */
  calls: { op: string; id: string; key?: string }[]
  /** Every request received, executed or not. */
  received: { method: string; path: string; key?: string }[]
  /** What a browser does with Stripe.js: confirm the intent with a test payment method. */
  confirm: (intentId: string, paymentMethod?: string) => Intent
  /** A webhook event for an intent as Stripe signs it. */
  signedEvent: (type: string, intentId: string, options?: { secret?: string; at?: number; id?: string }) => {
    body: string
    headers: Record<string, string>
  }
  /** Fails the next call to this operation after doing it (the answer is lost on the way back). */
  failAfter: (op: string) => void
  stop: () => Promise<void>
}

const DECLINES: Record<string, { code: string; decline_code: string; message: string }> = {
  pm_card_chargeDeclined: { code: "card_declined", decline_code: "generic_decline", message: "Your card was declined." },
  pm_card_chargeDeclinedInsufficientFunds: {
    code: "card_declined",
    decline_code: "insufficient_funds",
    message: "Your card has insufficient funds.",
  },
}

/** Stripe's form encoding (a[b]=c, a[0]=d) back into an object. */
function parseForm(body: string): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [rawKey, value] of new URLSearchParams(body)) {
    const path = rawKey.replace(/\]/g, "").split("[")
    let node = out as Record<string, unknown>
    path.forEach((part, i) => {
      if (i === path.length - 1) {
        node[part] = value
      } else {
        node = (node[part] ??= {}) as Record<string, unknown>
      }
    })
  }
  return out
}

export async function startStripeFake(webhookSecret: string): Promise<StripeFake> {
  const intents = new Map<string, Intent>()
  const refunds: Refund[] = []
  const calls: StripeFake["calls"] = []
  const received: StripeFake["received"] = []
  const idempotent = new Map<string, { status: number; body: unknown }>()
  const failing = new Set<string>()
  const id = (prefix: string) => `${prefix}_${crypto.randomBytes(12).toString("hex")}`

  const error = (status: number, type: string, message: string, extra: Record<string, unknown> = {}) => ({
    status,
    body: { error: { type, message, ...extra } },
  })

  function confirm(intentId: string, paymentMethod = "pm_card_visa"): Intent {
    const intent = intents.get(intentId)!
    const decline = DECLINES[paymentMethod]
    intent.payment_method = paymentMethod
    if (decline) {
      intent.status = "requires_payment_method"
      intent.last_payment_error = { code: decline.code, message: decline.message }
      return intent
    }
    intent.last_payment_error = null
    intent.latest_charge = id("ch")
    if (intent.capture_method === "manual") {
      intent.status = "requires_capture"
      intent.amount_capturable = intent.amount
    } else {
      intent.status = "succeeded"
      intent.amount_received = intent.amount
    }
    return intent
  }

  function handle(method: string, path: string, form: Record<string, unknown>): { status: number; body: unknown; op?: string } {
    let m: RegExpMatchArray | null
    if (method === "POST" && path === "/v1/payment_intents") {
      const intent: Intent = {
        id: id("pi"),
        object: "payment_intent",
        amount: Number(form.amount),
        amount_capturable: 0,
        amount_received: 0,
        currency: String(form.currency),
        capture_method: String(form.capture_method ?? "automatic"),
        status: "requires_payment_method",
        client_secret: "",
        metadata: (form.metadata as Record<string, string>) ?? {},
        automatic_payment_methods: form.automatic_payment_methods ? { enabled: true } : null,
        payment_method: null,
        last_payment_error: null,
        latest_charge: null,
        created: Math.floor(Date.now() / 1000),
        livemode: false,
      }
      intent.client_secret = `${intent.id}_secret_${crypto.randomBytes(8).toString("hex")}`
      intents.set(intent.id, intent)
      if (form.payment_method && form.confirm === "true") {
        confirm(intent.id, String(form.payment_method))
      }
      return { status: 200, body: intent, op: "create" }
    }
    if ((m = path.match(/^\/v1\/payment_intents\/([^/]+)(?:\/(capture|cancel|confirm))?$/))) {
      const intent = intents.get(m[1])
      if (!intent) {
        return error(404, "invalid_request_error", `No such payment_intent: '${m[1]}'`, { code: "resource_missing" })
      }
      const action = m[2]
      if (method === "GET" && !action) {
        return { status: 200, body: intent }
      }
      if (method === "POST" && !action) {
        if (form.amount !== undefined) {
          intent.amount = Number(form.amount)
        }
        Object.assign(intent.metadata, (form.metadata as Record<string, string>) ?? {})
        return { status: 200, body: intent, op: "update" }
      }
      if (method === "POST" && action === "confirm") {
        const confirmed = confirm(intent.id, String(form.payment_method ?? "pm_card_visa"))
        const decline = DECLINES[String(form.payment_method)]
        return decline
          ? error(402, "card_error", decline.message, { code: decline.code, decline_code: decline.decline_code, payment_intent: confirmed })
          : { status: 200, body: confirmed, op: "confirm" }
      }
      if (method === "POST" && action === "capture") {
        if (intent.status !== "requires_capture") {
          return error(400, "invalid_request_error", `This PaymentIntent could not be captured because it has a status of ${intent.status}.`, {
            code: "payment_intent_unexpected_state",
            payment_intent: intent,
          })
        }
        const amount = form.amount_to_capture !== undefined ? Number(form.amount_to_capture) : intent.amount_capturable
        intent.amount_received = amount
        intent.amount_capturable = 0
        intent.status = "succeeded"
        return { status: 200, body: intent, op: "capture" }
      }
      if (method === "POST" && action === "cancel") {
        if (intent.status === "succeeded") {
          return error(400, "invalid_request_error", "You cannot cancel this PaymentIntent because it has a status of succeeded.", {
            code: "payment_intent_unexpected_state",
            payment_intent: intent,
          })
        }
        intent.status = "canceled"
        intent.amount_capturable = 0
        return { status: 200, body: intent, op: "cancel" }
      }
    }
    if (method === "POST" && path === "/v1/refunds") {
      const intent = intents.get(String(form.payment_intent))
      if (!intent) {
        return error(404, "invalid_request_error", "No such payment_intent", { code: "resource_missing" })
      }
      const refunded = refunds.filter((r) => r.payment_intent === intent.id).reduce((sum, r) => sum + r.amount, 0)
      const amount = form.amount !== undefined ? Number(form.amount) : intent.amount_received - refunded
      if (amount <= 0 || refunded + amount > intent.amount_received) {
        return error(400, "invalid_request_error", `Refund amount (${amount}) is greater than unrefunded amount on charge (${intent.amount_received - refunded})`, {
          code: "amount_too_large",
        })
      }
      const refund: Refund = { id: id("re"), object: "refund", amount, payment_intent: intent.id, status: "succeeded", currency: intent.currency }
      refunds.push(refund)
      return { status: 200, body: refund, op: "refund" }
    }
    return error(404, "invalid_request_error", `Unrecognized request URL (${method}: ${path}).`)
  }

  const server = http.createServer((req, res) => {
    let raw = ""
    req.on("data", (chunk) => (raw += chunk))
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://fake")
      const key = req.headers["idempotency-key"] as string | undefined
      received.push({ method: req.method ?? "GET", path: url.pathname, key })
      const scope = key ? `${req.method} ${url.pathname} ${key}` : undefined
      let answer = scope ? idempotent.get(scope) : undefined
      if (!answer) {
        const form = req.method === "GET" ? Object.fromEntries(url.searchParams) : parseForm(raw)
        const result = handle(req.method ?? "GET", url.pathname, form)
        answer = { status: result.status, body: result.body }
        if (result.op && result.status < 300) {
          calls.push({ op: result.op, id: (result.body as { payment_intent?: string; id: string }).payment_intent ?? (result.body as { id: string }).id, key })
        }
        if (scope && req.method === "POST") {
          idempotent.set(scope, answer)
        }
        if (result.op && failing.delete(result.op)) {
          // Done, and the answer never arrives: a proxy's 502 for a timed-out answer. (A dropped
          // connection would not do: the Stripe client resends once, with the same key, at once.)
          res.writeHead(502, { "content-type": "text/html" })
          res.end("<html><body><h1>502 Bad Gateway</h1></body></html>")
          return
        }
      }
      res.writeHead(answer.status, { "content-type": "application/json", "request-id": id("req"), ...(key ? { "idempotency-key": key } : {}) })
      res.end(JSON.stringify(answer.body))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const { port } = server.address() as AddressInfo

  return {
    url: `http://127.0.0.1:${port}`,
    host: "127.0.0.1",
    port,
    intents,
    refunds,
    calls,
    received,
    confirm,
    signedEvent(type, intentId, options = {}) {
      const intent = intents.get(intentId)!
      const at = options.at ?? Math.floor(Date.now() / 1000)
      const object = type.startsWith("charge.") ? { id: intent.latest_charge, object: "charge", payment_intent: intent.id, amount_refunded: refunds.filter((r) => r.payment_intent === intent.id).reduce((s, r) => s + r.amount, 0) } : intent
      const body = JSON.stringify({
        id: options.id ?? id("evt"),
        object: "event",
        api_version: "2025-09-30.clover",
        created: at,
        type,
        data: { object: object },
        livemode: false,
      })
      const signature = crypto.createHmac("sha256", options.secret ?? webhookSecret).update(`${at}.${body}`).digest("hex")
      return { body, headers: { "content-type": "application/json", "stripe-signature": `t=${at},v1=${signature}` } }
    },
    failAfter(op) {
      failing.add(op)
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
