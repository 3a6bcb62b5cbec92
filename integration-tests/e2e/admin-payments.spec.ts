import path from "path"
import { describeInChromium, expectVisible, keelAdminSession, until } from "../helpers/admin-browser"
import { startPayPalFake, type PayPalFake } from "../helpers/paypal-fake"
import { germanAddress } from "../helpers/shop"
import { startStripeFake, type StripeFake } from "../helpers/stripe-fake"

// The merchant captures and refunds (in part, then the rest) from Medusa's order page in the
// admin, in a real browser, for an order paid with Stripe and one paid with PayPal. Keel runs
// as `npm start` runs it, with both providers configured; Stripe's client talks to a local
// Stripe fake, and PayPal's SDK is answered by the PayPal fake through a preload
// (helpers/paypal-forward.cjs). Every step is checked through the admin API and in the fakes.
jest.setTimeout(8 * 60 * 1000)


type Json = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any

const PAYPAL_CREDENTIALS = { clientId: "keel-e2e-client", clientSecret: "keel-e2e-secret", webhookId: "WH-KEEL-E2E" }

;describeInChromium("admin-payments")("capture and refund from the admin order page", () => {
  let stripe: StripeFake
  let paypal: PayPalFake
  const keel = keelAdminSession({
    prefix: "keel-admin-payments-",
    screenshot: "/tmp/admin-payments.png",
    env: async () => {
      stripe = await startStripeFake("whsec_keel_e2e")
      paypal = await startPayPalFake(PAYPAL_CREDENTIALS, "server")
      return {
        STRIPE_API_KEY: "sk_test_keel_e2e",
        STRIPE_WEBHOOK_SECRET: "whsec_keel_e2e",
        STRIPE_API_HOST: stripe.host,
        STRIPE_API_PORT: String(stripe.port),
        STRIPE_API_PROTOCOL: "http",
        PAYPAL_CLIENT_ID: PAYPAL_CREDENTIALS.clientId,
        PAYPAL_CLIENT_SECRET: PAYPAL_CREDENTIALS.clientSecret,
        PAYPAL_WEBHOOK_ID: PAYPAL_CREDENTIALS.webhookId,
        PAYPAL_ENVIRONMENT: "sandbox",
        PAYPAL_FAKE_URL: paypal.url,
        NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --require ${path.join(__dirname, "..", "helpers", "paypal-forward.cjs")}`.trim(),
      }
    },
  })
  const api = (method: string, route: string, body?: unknown, headers?: Record<string, string>) => keel.api(method, route, body, headers)

  /** An order through the store API, paid with this provider; `pay` plays the shopper at the provider. */
  async function orderPaidWith(providerId: string, pay: (session: Json) => void) {
    const regions = await api("GET", "/store/regions", undefined, keel.store)
    const region = regions.regions.find((r: Json) => r.currency_code === "eur")
    const products = await api("GET", `/store/products?region_id=${region.id}&limit=50&fields=variants.id,variants.inventory_quantity,variants.manage_inventory`, undefined, keel.store)
    const variant = products.products.flatMap((p: Json) => p.variants).find((v: Json) => !v.manage_inventory || v.inventory_quantity > 1)
    const { cart } = await api("POST", "/store/carts", { region_id: region.id, email: "mia@example.com", shipping_address: germanAddress, billing_address: germanAddress }, keel.store)
    await api("POST", `/store/carts/${cart.id}/line-items`, { variant_id: variant.id, quantity: 1 }, keel.store)
    const options = await api("GET", `/store/shipping-options?cart_id=${cart.id}`, undefined, keel.store)
    await api("POST", `/store/carts/${cart.id}/shipping-methods`, { option_id: options.shipping_options[0].id }, keel.store)
    const { payment_collection: collection } = await api("POST", "/store/payment-collections", { cart_id: cart.id }, keel.store)
    const created = await api("POST", `/store/payment-collections/${collection.id}/payment-sessions`, { provider_id: providerId }, keel.store)
    pay(created.payment_collection.payment_sessions.find((s: Json) => s.provider_id === providerId))
    const completed = await api("POST", `/store/carts/${cart.id}/complete`, {}, keel.store)
    expect(completed.type).toBe("order")
    return { orderId: completed.order.id as string, total: created.payment_collection.amount as number }
  }

  const paymentOf = async (orderId: string) => {
    const { order } = await api("GET", `/admin/orders/${orderId}?fields=payment_status,*payment_collections.payments,*payment_collections.payments.refunds`)
    return { status: order.payment_status as string, payment: order.payment_collections[0].payments[0] as Json }
  }

  /** Capture, refund 10.00, then refund the rest, all by clicking through the order keel.page. */
  async function captureAndRefundInTheAdmin(orderId: string, total: number) {
    await keel.page.goto(`${keel.base}/app/orders/${orderId}`)
    await keel.page.getByRole("button", { name: "Capture payment" }).click()
    await keel.page.getByRole("alertdialog").getByRole("button", { name: "Confirm" }).click()
    await until(() => paymentOf(orderId), (p) => p.status === "captured", 20_000, "captured")
    await expectVisible(keel.page.getByText("Captured", { exact: true }).first())

    const { payment } = await paymentOf(orderId)
    for (const [amount, status] of [[10, "partially_refunded"], [Math.round((total - 10) * 100) / 100, "refunded"]] as const) {
      await refundInTheAdmin(orderId, payment.id, amount)
      await until(() => paymentOf(orderId), (p) => p.status === status, 20_000, status)
    }
    const refunds = (await paymentOf(orderId)).payment.refunds.map((r: Json) => Number(r.amount)).sort((a: number, b: number) => a - b)
    expect(refunds).toEqual([10, Math.round((total - 10) * 100) / 100].sort((a, b) => a - b))
  }

  async function refundInTheAdmin(orderId: string, paymentId: string, amount: number) {
    await keel.page.goto(`${keel.base}/app/orders/${orderId}`)
    // The payment's row (its id shown as #<last 7>) and its action menu.
    const row = keel.page.locator("div.grid").filter({ hasText: `#${paymentId.slice(-7)}` })
    await row.getByRole("button").last().click()
    await keel.page.getByRole("menuitem", { name: "Refund" }).click()
    await keel.page.waitForURL((url) => url.pathname.endsWith("/refund"))
    const field = keel.page.getByLabel("Amount")
    await field.fill("")
    await field.fill(amount.toFixed(2))
    await keel.page.getByRole("button", { name: "Save" }).click()
    await keel.page.waitForURL((url) => !url.pathname.endsWith("/refund"))
  }

  beforeAll(async () => {
    const { regions } = await api("GET", "/admin/regions?fields=id,currency_code")
    const europe = regions.find((r: Json) => r.currency_code === "eur")
    await api("POST", `/admin/regions/${europe.id}`, { payment_providers: ["pp_system_default", "pp_stripe_stripe", "pp_paypal_paypal"] })
  })

  afterAll(async () => {
    await stripe?.stop()
    await paypal?.stop()
  })

  it("an order paid with Stripe", async () => {
    const { orderId, total } = await orderPaidWith("pp_stripe_stripe", (session) => stripe.confirm(session.data.id, "pm_card_visa"))
    expect((await paymentOf(orderId)).status).toBe("authorized")
    const intentId = (await paymentOf(orderId)).payment.data.id
    await captureAndRefundInTheAdmin(orderId, total)
    expect(stripe.intents.get(intentId)!.status).toBe("succeeded")
    expect(stripe.refunds.filter((r) => r.payment_intent === intentId).map((r) => r.amount).sort((a, b) => a - b)).toEqual(
      [1000, Math.round(total * 100) - 1000].sort((a, b) => a - b)
    )
  })

  it("an order paid with PayPal", async () => {
    const { orderId, total } = await orderPaidWith("pp_paypal_paypal", (session) => paypal.approve(session.data.id))
    expect((await paymentOf(orderId)).status).toBe("authorized")
    const paypalOrderId = (await paymentOf(orderId)).payment.data.id
    await captureAndRefundInTheAdmin(orderId, total)
    const capture = paypal.resources(paypalOrderId).capture!
    expect(capture.status).toBe("REFUNDED")
    expect(paypal.refunds.filter((r) => r.capture_id === capture.id).map((r) => Number(r.amount.value)).sort((a, b) => a - b)).toEqual(
      [10, Math.round((total - 10) * 100) / 100].sort((a, b) => a - b)
    )
  })
})
