import fs from "fs"
import path from "path"
import { Browser, Page } from "playwright-core"
import { adminPage, describeInChromium, expectVisible, launchChromium, requireChromium, until } from "../helpers/admin-browser"
import { newcomerSetup, Running, startKeel, stop, waitForBanner } from "../helpers/keel"
import { startPayPalFake, type PayPalFake } from "../helpers/paypal-fake"
import { germanAddress } from "../helpers/shop"
import { startStripeFake, type StripeFake } from "../helpers/stripe-fake"

// The merchant captures and refunds (in part, then the rest) from Medusa's order page in the
// admin, in a real browser, for an order paid with Stripe and one paid with PayPal. Keel runs
// as `npm start` runs it, with both providers configured; Stripe's client talks to a local
// Stripe fake, and PayPal's SDK is answered by the PayPal fake through a preload
// (helpers/paypal-forward.cjs). Every step is checked through the admin API and in the fakes.
jest.setTimeout(8 * 60 * 1000)

const SCREENSHOT = "/tmp/admin-payments.png"

type Json = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any

const PAYPAL_CREDENTIALS = { clientId: "keel-e2e-client", clientSecret: "keel-e2e-secret", webhookId: "WH-KEEL-E2E" }

;describeInChromium("admin-payments")("capture and refund from the admin order page", () => {
  let dataDir: string | undefined
  let base: string
  let running: Running | undefined
  let launching: Promise<Browser> | undefined
  let page: Page
  let stripe: StripeFake
  let paypal: PayPalFake
  let store: Record<string, string>
  let admin: Record<string, string>

  async function api(method: string, route: string, body?: unknown, headers = admin) {
    const res = await fetch(`${base}${route}`, {
      method,
      headers: { ...headers, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const json = (await res.json()) as Json
    if (res.status >= 400) {
      throw new Error(`${method} ${route}: ${res.status} ${JSON.stringify(json)}`)
    }
    return json
  }

  /** An order through the store API, paid with this provider; `pay` plays the shopper at the provider. */
  async function orderPaidWith(providerId: string, pay: (session: Json) => void) {
    const regions = await api("GET", "/store/regions", undefined, store)
    const region = regions.regions.find((r: Json) => r.currency_code === "eur")
    const products = await api("GET", `/store/products?region_id=${region.id}&limit=50&fields=variants.id,variants.inventory_quantity,variants.manage_inventory`, undefined, store)
    const variant = products.products.flatMap((p: Json) => p.variants).find((v: Json) => !v.manage_inventory || v.inventory_quantity > 1)
    const { cart } = await api("POST", "/store/carts", { region_id: region.id, email: "mia@example.com", shipping_address: germanAddress, billing_address: germanAddress }, store)
    await api("POST", `/store/carts/${cart.id}/line-items`, { variant_id: variant.id, quantity: 1 }, store)
    const options = await api("GET", `/store/shipping-options?cart_id=${cart.id}`, undefined, store)
    await api("POST", `/store/carts/${cart.id}/shipping-methods`, { option_id: options.shipping_options[0].id }, store)
    const { payment_collection: collection } = await api("POST", "/store/payment-collections", { cart_id: cart.id }, store)
    const created = await api("POST", `/store/payment-collections/${collection.id}/payment-sessions`, { provider_id: providerId }, store)
    pay(created.payment_collection.payment_sessions.find((s: Json) => s.provider_id === providerId))
    const completed = await api("POST", `/store/carts/${cart.id}/complete`, {}, store)
    expect(completed.type).toBe("order")
    return { orderId: completed.order.id as string, total: created.payment_collection.amount as number }
  }

  const paymentOf = async (orderId: string) => {
    const { order } = await api("GET", `/admin/orders/${orderId}?fields=payment_status,*payment_collections.payments,*payment_collections.payments.refunds`)
    return { status: order.payment_status as string, payment: order.payment_collections[0].payments[0] as Json }
  }

  /** Capture, refund 10.00, then refund the rest, all by clicking through the order page. */
  async function captureAndRefundInTheAdmin(orderId: string, total: number) {
    await page.goto(`${base}/app/orders/${orderId}`)
    await page.getByRole("button", { name: "Capture payment" }).click()
    await page.getByRole("alertdialog").getByRole("button", { name: "Confirm" }).click()
    await until(() => paymentOf(orderId), (p) => p.status === "captured", 20_000, "captured")
    await expectVisible(page.getByText("Captured", { exact: true }).first())

    const { payment } = await paymentOf(orderId)
    for (const [amount, status] of [[10, "partially_refunded"], [Math.round((total - 10) * 100) / 100, "refunded"]] as const) {
      await refundInTheAdmin(orderId, payment.id, amount)
      await until(() => paymentOf(orderId), (p) => p.status === status, 20_000, status)
    }
    const refunds = (await paymentOf(orderId)).payment.refunds.map((r: Json) => Number(r.amount)).sort((a: number, b: number) => a - b)
    expect(refunds).toEqual([10, Math.round((total - 10) * 100) / 100].sort((a, b) => a - b))
  }

  async function refundInTheAdmin(orderId: string, paymentId: string, amount: number) {
    await page.goto(`${base}/app/orders/${orderId}`)
    // The payment's row (its id shown as #<last 7>) and its action menu.
    const row = page.locator("div.grid").filter({ hasText: `#${paymentId.slice(-7)}` })
    await row.getByRole("button").last().click()
    await page.getByRole("menuitem", { name: "Refund" }).click()
    await page.waitForURL((url) => url.pathname.endsWith("/refund"))
    const field = page.getByLabel("Amount")
    await field.fill("")
    await field.fill(amount.toFixed(2))
    await page.getByRole("button", { name: "Save" }).click()
    await page.waitForURL((url) => !url.pathname.endsWith("/refund"))
  }

  beforeAll(async () => {
    requireChromium()
    stripe = await startStripeFake("whsec_keel_e2e")
    paypal = await startPayPalFake(PAYPAL_CREDENTIALS, "server")
    const setup = await newcomerSetup("keel-admin-payments-")
    dataDir = setup.dataDir
    base = setup.base
    const preload = path.join(__dirname, "..", "helpers", "paypal-forward.cjs")
    running = startKeel({
      ...setup.env,
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
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --require ${preload}`.trim(),
    })
    launching = launchChromium()
    const banner = await waitForBanner(running, 5 * 60 * 1000)
    const browser = await launching
    store = { "x-publishable-api-key": banner.key }
    const login = await api("POST", "/auth/user/emailpass", { email: banner.email, password: banner.password }, {})
    admin = { authorization: `Bearer ${login.token}` }
    const { regions } = await api("GET", "/admin/regions?fields=id,currency_code")
    const europe = regions.find((r: Json) => r.currency_code === "eur")
    await api("POST", `/admin/regions/${europe.id}`, { payment_providers: ["pp_system_default", "pp_stripe_stripe", "pp_paypal_paypal"] })

    page = await adminPage(browser, base, banner)
  })

  afterEach(async () => {
    await page?.screenshot({ path: SCREENSHOT, fullPage: true }).catch(() => undefined)
  })

  afterAll(async () => {
    await (await launching?.catch(() => undefined))?.close()
    if (running && running.proc.exitCode === null) {
      await stop(running)
    }
    await stripe?.stop()
    await paypal?.stop()
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true })
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
