import fs from "fs"
import os from "os"
import path from "path"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { KEEL_PAYMENTS_MODULE } from "../../src/modules/keel-payments"
import type KeelPaymentsModuleService from "../../src/modules/keel-payments/service"
import { eventually } from "../helpers/eventually"
import { paymentShop } from "../helpers/payments"
import { startStripeFake, type StripeFake } from "../helpers/stripe-fake"

jest.setTimeout(300_000)

// Stripe through Medusa's payment-stripe provider (Keel's subclass), its real Stripe client
// pointed at a local server that speaks the PaymentIntents and Refunds API and signs
// webhooks as Stripe does (integration-tests/helpers/stripe-fake.ts).
const WEBHOOK_SECRET = "whsec_keel_test_secret"
const STRIPE = "pp_stripe_stripe"
const applePayFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "keel-applepay-")), "association")

let stripe: StripeFake

beforeAll(async () => {
  stripe = await startStripeFake(WEBHOOK_SECRET)
  fs.writeFileSync(applePayFile, "7B227073704964223A2239373943394538343346343131343044...\n")
  Object.assign(process.env, {
    STRIPE_API_KEY: "sk_test_keel",
    STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
    STRIPE_API_HOST: stripe.host,
    STRIPE_API_PORT: String(stripe.port),
    STRIPE_API_PROTOCOL: "http",
    PAYMENT_WEBHOOK_DELAY_MS: "50",
    APPLE_PAY_DOMAIN_ASSOCIATION_FILE: applePayFile,
  })
})

afterAll(async () => {
  for (const name of ["STRIPE_API_KEY", "STRIPE_WEBHOOK_SECRET", "STRIPE_API_HOST", "STRIPE_API_PORT", "STRIPE_API_PROTOCOL", "PAYMENT_WEBHOOK_DELAY_MS", "APPLE_PAY_DOMAIN_ASSOCIATION_FILE"]) {
    delete process.env[name]
  }
  await stripe?.stop()
  fs.rmSync(path.dirname(applePayFile), { recursive: true, force: true })
})

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies
type Reply = { status: number; data: any }

medusaIntegrationTestRunner({
  env: { MEILISEARCH_HOST: "", KEEL_SEARCH_STOCK_INDEX: "" },
  testSuite: ({ api, getContainer }) => {
    let shop: Awaited<ReturnType<typeof paymentShop>>
    let admin: { headers: Record<string, string> }
    let store: { headers: Record<string, string> }

    const call = (...args: Parameters<typeof shop.call>): Promise<Reply> => shop.call(...args)

    /** A cart ready to pay and its Stripe payment session. */
    async function cartWithStripeSession() {
      const cartId = await shop.cartToPay("ole@example.com")
      const { session, total } = await shop.startSession(cartId, STRIPE)
      return { cartId, total, session, intentId: session.data.id as string }
    }

    const orderPayment = (orderId: string) => shop.orderPayment(orderId)

    const deliver = (event: { body: string; headers: Record<string, string> }) => shop.deliver("stripe_stripe", event)

    beforeAll(async () => {
      shop = await paymentShop(api, getContainer(), [STRIPE])
      ;({ admin, store } = shop)
    })

    it("offers Stripe with automatic payment methods and serves the Apple Pay domain file", async () => {
      expect(await shop.offered()).toContain(STRIPE)
      const { session, intentId, total } = await cartWithStripeSession()
      expect(session.data.client_secret).toMatch(/^pi_.+_secret_/)
      const intent = stripe.intents.get(intentId)!
      expect(intent).toMatchObject({ capture_method: "manual", automatic_payment_methods: { enabled: true }, currency: "eur" })
      expect(intent.amount).toBe(Math.round(total * 100))

      const file = await api.get("/.well-known/apple-developer-merchantid-domain-association", { responseType: "text" })
      expect(file.data).toBe(fs.readFileSync(applePayFile, "utf8"))
    })

    it("a declined card and insufficient funds are refused with clear 4xx and the cart stays completable; then authorise, capture, refund part and all", async () => {
      const { cartId, intentId, total } = await cartWithStripeSession()
      stripe.confirm(intentId, "pm_card_chargeDeclined")
      const declined = await call("post", `/store/carts/${cartId}/complete`, {})
      expect([declined.status, declined.data.message]).toEqual([400, "Your card was declined."])

      // The shopper tries another card: the storefront starts a new payment session, as after any refusal.
      const poorIntent = (await shop.startSession(cartId, STRIPE)).session.data.id
      stripe.confirm(poorIntent, "pm_card_chargeDeclinedInsufficientFunds")
      const poor = await call("post", `/store/carts/${cartId}/complete`, {})
      expect([poor.status, poor.data.message]).toEqual([400, "Your card has insufficient funds."])
      const secondIntent = (await shop.startSession(cartId, STRIPE)).session.data.id
      stripe.confirm(secondIntent, "pm_card_visa")
      const completed = await call("post", `/store/carts/${cartId}/complete`, {})
      expect([completed.status, completed.data.type, completed.data.message]).toEqual([200, "order", undefined])
      const orderId = completed.data.order.id
      let { status, payment } = await orderPayment(orderId)
      expect(status).toBe("authorized")
      expect(stripe.intents.get(secondIntent)!.status).toBe("requires_capture")

      const captured = await call("post", `/admin/payments/${payment.id}/capture`, {}, admin)
      expect(captured.status).toBe(200)
      ;({ status } = await orderPayment(orderId))
      expect(status).toBe("captured")
      expect(stripe.intents.get(secondIntent)!.status).toBe("succeeded")

      const partial = await call("post", `/admin/payments/${payment.id}/refund`, { amount: 10 }, admin)
      expect(partial.status).toBe(200)
      ;({ status } = await orderPayment(orderId))
      expect(status).toBe("partially_refunded")
      const rest = await call("post", `/admin/payments/${payment.id}/refund`, { amount: Math.round((total - 10) * 100) / 100 }, admin)
      expect(rest.status).toBe(200)
      ;({ status, payment } = await orderPayment(orderId))
      expect(status).toBe("refunded")
      expect(stripe.refunds.filter((r) => r.payment_intent === secondIntent).map((r) => r.amount)).toEqual([1000, Math.round(total * 100) - 1000])

      // More than was captured is refused, and Stripe is not asked.
      const over = await call("post", `/admin/payments/${payment.id}/refund`, { amount: 1 }, admin)
      expect(over.status).toBeGreaterThanOrEqual(400)
      expect(over.status).toBeLessThan(500)
      expect(stripe.refunds.filter((r) => r.payment_intent === secondIntent)).toHaveLength(2)
    })

    it("a capture or refund whose answer was lost is retried without moving money twice", async () => {
      const { cartId, intentId } = await cartWithStripeSession()
      stripe.confirm(intentId, "pm_card_visa")
      const order = (await api.post(`/store/carts/${cartId}/complete`, {}, store)).data.order
      const { payment } = await orderPayment(order.id)

      // Stripe captures, and its answer never reaches Keel (a crash or timeout between the
      // provider call and the database write). Medusa gives up that capture and tries again
      // with a new capture record; the idempotency key stays the intent's, so Stripe answers
      // the retry with the first capture instead of capturing again.
      stripe.failAfter("capture")
      const first = await call("post", `/admin/payments/${payment.id}/capture`, {}, admin)
      expect(first.status).not.toBe(200)
      expect((await orderPayment(order.id)).status).toBe("authorized")
      expect((await call("post", `/admin/payments/${payment.id}/capture`, {}, admin)).status).toBe(200)
      expect((await orderPayment(order.id)).status).toBe("captured")
      const requests = stripe.received.filter((r) => r.path === `/v1/payment_intents/${intentId}/capture`)
      expect(requests).toHaveLength(2)
      expect(new Set(requests.map((r) => r.key))).toEqual(new Set([`keel-capture-${intentId}`]))
      expect(stripe.calls.filter((c) => c.op === "capture" && c.id === intentId)).toHaveLength(1)

      // The same for a refund: the retry is the same request, and the next refund of the
      // same amount is a new one.
      stripe.failAfter("refund")
      const lost = await call("post", `/admin/payments/${payment.id}/refund`, { amount: 10 }, admin)
      expect(lost.status).not.toBe(200)
      expect((await orderPayment(order.id)).status).toBe("captured")
      expect((await call("post", `/admin/payments/${payment.id}/refund`, { amount: 10 }, admin)).status).toBe(200)
      expect((await orderPayment(order.id)).status).toBe("partially_refunded")
      expect(stripe.refunds.filter((r) => r.payment_intent === intentId).map((r) => r.amount)).toEqual([1000])
      expect((await call("post", `/admin/payments/${payment.id}/refund`, { amount: 10 }, admin)).status).toBe(200)
      expect(stripe.refunds.filter((r) => r.payment_intent === intentId).map((r) => r.amount)).toEqual([1000, 1000])
    })

    it("webhooks: a signed event applies once when delivered 5 times; bad signatures and stale timestamps get 400", async () => {
      const events = getContainer().resolve<KeelPaymentsModuleService>(KEEL_PAYMENTS_MODULE)
      const { cartId, intentId } = await cartWithStripeSession()
      // The shopper paid, then closed the tab before the storefront completed the cart:
      // Stripe's event completes it.
      stripe.confirm(intentId, "pm_card_visa")
      const event = stripe.signedEvent("payment_intent.amount_capturable_updated", intentId)
      const replies: Reply[] = []
      for (let i = 0; i < 5; i++) {
        replies.push(await deliver(event))
      }
      expect(replies.map((r) => [r.status, r.data.duplicate])).toEqual([[200, false], [200, true], [200, true], [200, true], [200, true]])
      const eventId = JSON.parse(event.body).id
      expect(await events.listPaymentWebhookEvents({ event_id: eventId })).toHaveLength(1)

      const order = await eventually(
        async () => (await api.get(`/admin/orders?fields=id,payment_status,*payment_collections.payments`, admin)).data.orders,
        // The order is written before its payment status settles: wait for both.
        (orders: { payment_status: string; payment_collections: { payments: { data: { id: string } }[] }[] }[]) =>
          orders.some((o) => o.payment_collections?.[0]?.payments?.[0]?.data?.id === intentId && o.payment_status === "authorized"),
        20_000
      )
      const mine = order.filter((o: { payment_collections: { payments: { data: { id: string } }[] }[] }) => o.payment_collections?.[0]?.payments?.[0]?.data?.id === intentId)
      expect(mine).toHaveLength(1)
      expect(mine[0].payment_status).toBe("authorized")
      const { data: carts } = await getContainer()
        .resolve(ContainerRegistrationKeys.QUERY)
        .graph({ entity: "cart", fields: ["completed_at"], filters: { id: cartId } })
      expect(carts[0].completed_at).toBeTruthy()

      // Forged or replayed: nothing recorded, nothing changed.
      const before = (await events.listPaymentWebhookEvents({})).length
      const forged = stripe.signedEvent("payment_intent.succeeded", intentId, { secret: "whsec_not_ours" })
      const stale = stripe.signedEvent("payment_intent.succeeded", intentId, { at: Math.floor(Date.now() / 1000) - 400 })
      for (const bad of [forged, stale, { body: forged.body, headers: { "content-type": "application/json" } }]) {
        const reply = await deliver(bad)
        expect(reply.status).toBe(400)
      }
      expect((await events.listPaymentWebhookEvents({})).length).toBe(before)
      expect(stripe.intents.get(intentId)!.status).toBe("requires_capture")
    })

    it("webhooks delivered out of order end in the right state", async () => {
      const { intentId } = await cartWithStripeSession()
      stripe.confirm(intentId, "pm_card_visa")
      const authorised = stripe.signedEvent("payment_intent.amount_capturable_updated", intentId)
      // Captured in Stripe's dashboard; its event arrives before the authorisation's.
      stripe.intents.get(intentId)!.status = "succeeded"
      stripe.intents.get(intentId)!.amount_received = stripe.intents.get(intentId)!.amount
      const succeeded = stripe.signedEvent("payment_intent.succeeded", intentId)
      expect((await deliver(succeeded)).status).toBe(200)
      expect((await deliver(authorised)).status).toBe(200)
      const orders = await eventually(
        async () => (await api.get(`/admin/orders?fields=id,payment_status,*payment_collections.payments`, admin)).data.orders,
        (list: { payment_status: string; payment_collections: { payments: { data: { id: string } }[] }[] }[]) =>
          list.some((o) => o.payment_collections?.[0]?.payments?.[0]?.data?.id === intentId && o.payment_status === "captured"),
        20_000
      )
      expect(orders.filter((o: { payment_collections: { payments: { data: { id: string } }[] }[] }) => o.payment_collections?.[0]?.payments?.[0]?.data?.id === intentId)).toHaveLength(1)
    })
  },
})
