import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { KEEL_PAYMENTS_MODULE } from "../../src/modules/keel-payments"
import type KeelPaymentsModuleService from "../../src/modules/keel-payments/service"
import { eventually } from "../helpers/eventually"
import { startPayPalFake, type PayPalFake } from "../helpers/paypal-fake"
import { paymentShop } from "../helpers/payments"

jest.setTimeout(300_000)

// PayPal through Keel's provider (src/modules/payment-paypal) and PayPal's official server
// SDK. The SDK's requests to api-m.sandbox.paypal.com are answered in this process by a
// fake of PayPal's API that keeps state and signs webhooks as PayPal does
// (integration-tests/helpers/paypal-fake.ts).
const CREDENTIALS = { clientId: "keel-paypal-client", clientSecret: "keel-paypal-secret", webhookId: "WH-KEEL-TEST-1" }
const PAYPAL = "pp_paypal_paypal"
const ENV = ["PAYPAL_CLIENT_ID", "PAYPAL_CLIENT_SECRET", "PAYPAL_ENVIRONMENT", "PAYPAL_WEBHOOK_ID", "PAYMENT_WEBHOOK_DELAY_MS"]

let paypal: PayPalFake

beforeAll(async () => {
  paypal = await startPayPalFake(CREDENTIALS)
  Object.assign(process.env, {
    PAYPAL_CLIENT_ID: CREDENTIALS.clientId,
    PAYPAL_CLIENT_SECRET: CREDENTIALS.clientSecret,
    PAYPAL_ENVIRONMENT: "sandbox",
    PAYPAL_WEBHOOK_ID: CREDENTIALS.webhookId,
    PAYMENT_WEBHOOK_DELAY_MS: "50",
  })
})

afterAll(async () => {
  for (const name of ENV) {
    delete process.env[name]
  }
  await paypal?.stop()
})

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies
type Reply = { status: number; data: any }
type OrderRow = { id: string; payment_status: string; payment_collections: { payments: { data: { id: string } }[] }[] }

medusaIntegrationTestRunner({
  env: { MEILISEARCH_HOST: "", KEEL_SEARCH_STOCK_INDEX: "" },
  testSuite: ({ api, getContainer }) => {
    let shop: Awaited<ReturnType<typeof paymentShop>>
    let admin: { headers: Record<string, string> }
    let store: { headers: Record<string, string> }

    const call = (...args: Parameters<typeof shop.call>): Promise<Reply> => shop.call(...args)

    /** A cart ready to pay and its PayPal order. */
    async function cartWithPayPalOrder() {
      const cartId = await shop.cartToPay("ada@example.com")
      const { session, total } = await shop.startSession(cartId, PAYPAL)
      return { cartId, total, session, orderId: session.data.id as string }
    }

    const orderPayment = (orderId: string) => shop.orderPayment(orderId)

    const ordersFor = async (paypalOrderId: string) =>
      ((await api.get(`/admin/orders?fields=id,payment_status,*payment_collections.payments&limit=100`, admin)).data.orders as OrderRow[]).filter(
        (o) => o.payment_collections?.[0]?.payments?.[0]?.data?.id === paypalOrderId
      )

    const deliver = (event: { body: string; headers: Record<string, string> }) => shop.deliver("paypal_paypal", event)

    beforeAll(async () => {
      shop = await paymentShop(api, getContainer(), [PAYPAL])
      ;({ admin, store } = shop)
    })

    it("checkout with PayPal: not approved is a 400, approved completes; captured and refunded in part then in full from the admin API", async () => {
      expect(await shop.offered()).toContain(PAYPAL)

      const { cartId, total, session, orderId } = await cartWithPayPalOrder()
      expect(session.data).toMatchObject({ status: "CREATED", intent: "AUTHORIZE", currency_code: "EUR", amount: total.toFixed(2) })
      expect(session.data.approve_url).toContain(orderId)
      expect(paypal.orders.get(orderId)).toMatchObject({ custom_id: session.id, amount: { currency_code: "EUR", value: total.toFixed(2) } })

      // The shopper closed the PayPal window without approving.
      const early = await call("post", `/store/carts/${cartId}/complete`, {})
      expect(early.status).toBe(400)
      expect(early.data.message).toMatch(/PayPal payment has not been approved/)
      expect((await api.get(`/store/carts/${cartId}?fields=completed_at`, store)).data.cart.completed_at).toBeNull()

      paypal.approve(orderId)
      const completed = await call("post", `/store/carts/${cartId}/complete`, {})
      expect([completed.status, completed.data.type, completed.data.message]).toEqual([200, "order", undefined])
      const order = completed.data.order
      let { status, payment } = await orderPayment(order.id)
      expect(status).toBe("authorized")
      const authorizationId = payment.data.authorization_id
      expect(paypal.authorizations.get(authorizationId)).toMatchObject({ status: "CREATED", amount: { value: total.toFixed(2) } })

      expect((await call("post", `/admin/payments/${payment.id}/capture`, {}, admin)).status).toBe(200)
      ;({ status, payment } = await orderPayment(order.id))
      expect(status).toBe("captured")
      expect(paypal.authorizations.get(authorizationId)!.status).toBe("CAPTURED")
      const captureId = payment.data.capture_id
      expect(paypal.captures.get(captureId)).toMatchObject({ status: "COMPLETED", amount: { value: total.toFixed(2) } })

      expect((await call("post", `/admin/payments/${payment.id}/refund`, { amount: 10 }, admin)).status).toBe(200)
      ;({ status } = await orderPayment(order.id))
      expect(status).toBe("partially_refunded")
      expect(paypal.captures.get(captureId)!.status).toBe("PARTIALLY_REFUNDED")
      const rest = Math.round((total - 10) * 100) / 100
      expect((await call("post", `/admin/payments/${payment.id}/refund`, { amount: rest }, admin)).status).toBe(200)
      ;({ status } = await orderPayment(order.id))
      expect(status).toBe("refunded")
      expect(paypal.captures.get(captureId)!.status).toBe("REFUNDED")
      expect(paypal.refunds.filter((r) => r.capture_id === captureId).map((r) => r.amount.value)).toEqual(["10.00", rest.toFixed(2)])

      // More than was captured: refused before PayPal is asked.
      const over = await call("post", `/admin/payments/${payment.id}/refund`, { amount: 1 }, admin)
      expect(over.status).toBeGreaterThanOrEqual(400)
      expect(over.status).toBeLessThan(500)
      expect(paypal.refunds.filter((r) => r.capture_id === captureId)).toHaveLength(2)
    })

    it("a refused PayPal payment is a clear 400 and the cart is completed with another method", async () => {
      const { cartId, orderId } = await cartWithPayPalOrder()
      paypal.decline(orderId)
      const refused = await call("post", `/store/carts/${cartId}/complete`, {})
      expect(refused.status).toBe(400)
      expect(refused.data.message).toMatch(/^PayPal refused the payment: The instrument presented +was either declined/)
      expect(paypal.calls.filter((c) => c.op === "authorize" && c.id === orderId)).toHaveLength(0)

      await shop.startSession(cartId, "pp_system_default")
      const completed = await call("post", `/store/carts/${cartId}/complete`, {})
      expect([completed.status, completed.data.type]).toEqual([200, "order"])
      const { payment } = await orderPayment(completed.data.order.id)
      expect(payment.provider_id).toBe("pp_system_default")
    })

    it("a capture or refund whose answer was lost is retried without moving money twice", async () => {
      const { cartId, orderId } = await cartWithPayPalOrder()
      paypal.approve(orderId)
      const order = (await api.post(`/store/carts/${cartId}/complete`, {}, store)).data.order
      const { payment } = await orderPayment(order.id)
      const authorizationId = payment.data.authorization_id

      paypal.failAfter("capture")
      const first = await call("post", `/admin/payments/${payment.id}/capture`, {}, admin)
      expect(first.status).not.toBe(200)
      expect((await orderPayment(order.id)).status).toBe("authorized")
      expect((await call("post", `/admin/payments/${payment.id}/capture`, {}, admin)).status).toBe(200)
      expect((await orderPayment(order.id)).status).toBe("captured")
      const requests = paypal.received.filter((r) => r.path === `/v2/payments/authorizations/${authorizationId}/capture`)
      expect(requests).toHaveLength(2)
      expect(new Set(requests.map((r) => r.key))).toEqual(new Set([`keel-capture-${authorizationId}`]))
      expect(paypal.calls.filter((c) => c.op === "capture" && c.id === authorizationId)).toHaveLength(1)

      const captureId = (await orderPayment(order.id)).payment.data.capture_id
      paypal.failAfter("refund")
      expect((await call("post", `/admin/payments/${payment.id}/refund`, { amount: 5 }, admin)).status).not.toBe(200)
      expect((await orderPayment(order.id)).status).toBe("captured")
      expect((await call("post", `/admin/payments/${payment.id}/refund`, { amount: 5 }, admin)).status).toBe(200)
      expect(paypal.refunds.filter((r) => r.capture_id === captureId).map((r) => r.amount.value)).toEqual(["5.00"])
      // The next refund of the same amount is a new refund.
      expect((await call("post", `/admin/payments/${payment.id}/refund`, { amount: 5 }, admin)).status).toBe(200)
      expect(paypal.refunds.filter((r) => r.capture_id === captureId).map((r) => r.amount.value)).toEqual(["5.00", "5.00"])
      expect((await orderPayment(order.id)).status).toBe("partially_refunded")
    })

    it("webhooks: a verified event applies once when delivered 5 times; forged, stale and unsigned events get 400", async () => {
      const events = getContainer().resolve<KeelPaymentsModuleService>(KEEL_PAYMENTS_MODULE)
      const { cartId, orderId } = await cartWithPayPalOrder()
      // The buyer approved, then closed the tab before the storefront completed the cart:
      // PayPal's event completes it.
      paypal.approve(orderId)
      const event = paypal.signedEvent("CHECKOUT.ORDER.APPROVED", paypal.resources(orderId).order)
      const replies: Reply[] = []
      for (let i = 0; i < 5; i++) {
        replies.push(await deliver(event))
      }
      expect(replies.map((r) => [r.status, r.data.duplicate])).toEqual([[200, false], [200, true], [200, true], [200, true], [200, true]])
      expect(await events.listPaymentWebhookEvents({ event_id: JSON.parse(event.body).id })).toHaveLength(1)

      const mine = await eventually(
        () => ordersFor(orderId),
        (list: OrderRow[]) => list.some((o) => o.payment_status === "authorized"),
        20_000
      )
      expect(mine).toHaveLength(1)
      const { data: carts } = await getContainer()
        .resolve(ContainerRegistrationKeys.QUERY)
        .graph({ entity: "cart", fields: ["completed_at"], filters: { id: cartId } })
      expect(carts[0].completed_at).toBeTruthy()
      expect(paypal.calls.filter((c) => c.op === "authorize" && c.id === orderId)).toHaveLength(1)

      // Forged (signed for another webhook), replayed after 400 s, unsigned, tampered: nothing recorded.
      const before = (await events.listPaymentWebhookEvents({})).length
      const resource = paypal.resources(orderId).authorization!
      const forged = paypal.signedEvent("PAYMENT.AUTHORIZATION.VOIDED", { ...resource, status: "VOIDED" }, { webhookId: "WH-SOMEONE-ELSE" })
      const stale = paypal.signedEvent("PAYMENT.AUTHORIZATION.VOIDED", { ...resource, status: "VOIDED" }, { at: new Date(Date.now() - 400_000) })
      const good = paypal.signedEvent("PAYMENT.AUTHORIZATION.VOIDED", { ...resource, status: "VOIDED" })
      const tampered = { body: good.body.replace(/"id":"WH-[^"]+"/, '"id":"WH-TAMPERED"'), headers: good.headers }
      for (const bad of [forged, stale, { body: good.body, headers: { "content-type": "application/json" } }, tampered]) {
        const reply = await deliver(bad)
        expect(reply.status).toBe(400)
      }
      expect((await events.listPaymentWebhookEvents({})).length).toBe(before)
      expect((await ordersFor(orderId))[0].payment_status).toBe("authorized")
      expect(paypal.authorizations.get(resource.id)!.status).toBe("CREATED")
    })

    it("webhooks delivered out of order end in the right state", async () => {
      const { cartId, orderId } = await cartWithPayPalOrder()
      paypal.approve(orderId)
      expect((await call("post", `/store/carts/${cartId}/complete`, {})).data.type).toBe("order")
      const authorization = paypal.resources(orderId).authorization!
      const created = paypal.signedEvent("PAYMENT.AUTHORIZATION.CREATED", authorization)
      // Captured in PayPal's dashboard; its event arrives before the authorisation's.
      const captured = await capturedInDashboard(authorization.id)
      expect((await deliver(paypal.signedEvent("PAYMENT.CAPTURE.COMPLETED", captured))).status).toBe(200)
      expect((await deliver(created)).status).toBe(200)
      const mine = await eventually(
        () => ordersFor(orderId),
        (list: OrderRow[]) => list.some((o) => o.payment_status === "captured"),
        20_000
      )
      expect(mine).toHaveLength(1)
      expect([...paypal.captures.values()].filter((c) => c.authorization_id === authorization.id)).toHaveLength(1)
    })

    /** What the merchant's "Capture" button in PayPal's dashboard does: a capture Keel did not ask for. */
    async function capturedInDashboard(authorizationId: string) {
      const token = await fetch("https://api-m.sandbox.paypal.com/v1/oauth2/token", {
        method: "POST",
        headers: { authorization: `Basic ${Buffer.from(`${CREDENTIALS.clientId}:${CREDENTIALS.clientSecret}`).toString("base64")}` },
        body: "grant_type=client_credentials",
      }).then((r) => r.json())
      return fetch(`https://api-m.sandbox.paypal.com/v2/payments/authorizations/${authorizationId}/capture`, {
        method: "POST",
        headers: { authorization: `Bearer ${token.access_token}`, "content-type": "application/json" },
        body: "{}",
      }).then((r) => r.json())
    }
  },
})
