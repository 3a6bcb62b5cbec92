import { startPayPalFake, type PayPalFake } from "../../../../integration-tests/helpers/paypal-fake"
import KeelPayPalProviderService, { toPayPalValue, type PayPalData } from "../service"

// The provider's own code and PayPal's SDK, against PayPal's API as the fake answers it.
const credentials = { clientId: "keel-client", clientSecret: "keel-secret", webhookId: "WH-KEEL-1" }
let paypal: PayPalFake
let provider: KeelPayPalProviderService

beforeAll(async () => {
  paypal = await startPayPalFake(credentials)
  provider = new KeelPayPalProviderService({}, { ...credentials, environment: "sandbox" })
})
afterAll(() => paypal.stop())

describe("PayPal provider", () => {
  it("formats amounts as PayPal wants them", () => {
    expect(toPayPalValue(12.5, "eur")).toBe("12.50")
    expect(toPayPalValue(1000, "jpy")).toBe("1000")
    expect(toPayPalValue("19.999", "usd")).toBe("20.00")
  })

  it("creates an order, refuses to authorise it before approval, then authorises, captures, refunds and voids", async () => {
    const session = await provider.initiatePayment({ amount: 42.1, currency_code: "eur", data: { session_id: "payses_1" }, context: {} })
    const data = session.data as PayPalData
    expect(data).toMatchObject({ status: "CREATED", intent: "AUTHORIZE", amount: "42.10", currency_code: "EUR" })
    expect(data.approve_url).toContain(data.id)
    expect(paypal.orders.get(data.id!)!.custom_id).toBe("payses_1")

    await expect(provider.authorizePayment({ data })).rejects.toMatchObject({ type: "not_allowed", message: expect.stringContaining("not been approved") })

    const updated = await provider.updatePayment({ data, amount: 50, currency_code: "eur", context: {} })
    expect((updated.data as PayPalData).amount).toBe("50.00")
    expect(paypal.orders.get(data.id!)!.amount.value).toBe("50.00")

    paypal.approve(data.id!)
    const authorised = await provider.authorizePayment({ data: updated.data })
    expect(authorised.status).toBe("authorized")
    const auth = authorised.data as PayPalData
    expect(auth.authorization_id).toBeTruthy()
    // Authorising again (a retried completion) does not authorise twice.
    expect((await provider.authorizePayment({ data: updated.data })).status).toBe("authorized")
    expect(paypal.calls.filter((c) => c.op === "authorize" && c.id === data.id)).toHaveLength(1)

    const captured = (await provider.capturePayment({ data: auth })).data as PayPalData
    expect(captured.capture_status).toBe("COMPLETED")
    expect((await provider.getPaymentStatus({ data: captured })).status).toBe("captured")

    const part = (await provider.refundPayment({ data: captured, amount: 20 })).data as PayPalData
    const rest = (await provider.refundPayment({ data: part, amount: 30 })).data as PayPalData
    expect(rest.refunded_minor).toBe(5000)
    expect(paypal.refunds.filter((r) => r.capture_id === captured.capture_id).map((r) => r.amount.value)).toEqual(["20.00", "30.00"])
    await expect(provider.refundPayment({ data: rest, amount: 1 })).rejects.toMatchObject({ type: "invalid_data" })

    // Another order, authorised then cancelled: its authorization is voided.
    const other = (await provider.initiatePayment({ amount: 5, currency_code: "usd", data: { session_id: "payses_2" }, context: {} })).data as PayPalData
    paypal.approve(other.id!)
    const otherAuth = (await provider.authorizePayment({ data: other })).data as PayPalData
    const voided = (await provider.cancelPayment({ data: otherAuth })).data as PayPalData
    expect(voided.authorization_status).toBe("VOIDED")
    expect(paypal.authorizations.get(otherAuth.authorization_id!)!.status).toBe("VOIDED")
    expect((await provider.getPaymentStatus({ data: voided })).status).toBe("canceled")
  })

  it("with capture on, completing captures at once and a later capture does not call PayPal again", async () => {
    const capturing = new KeelPayPalProviderService({}, { ...credentials, capture: true })
    const data = (await capturing.initiatePayment({ amount: 12, currency_code: "usd", data: { session_id: "payses_5" }, context: {} })).data as PayPalData
    expect(data.intent).toBe("CAPTURE")
    paypal.approve(data.id!)
    const done = await capturing.authorizePayment({ data })
    expect(done.status).toBe("captured")
    const before = paypal.calls.length
    expect(((await capturing.capturePayment({ data: done.data })).data as PayPalData).capture_status).toBe("COMPLETED")
    expect(paypal.calls.length).toBe(before)
  })

  it("a declined funding source is a 400 with PayPal's reason", async () => {
    const data = (await provider.initiatePayment({ amount: 10, currency_code: "eur", data: { session_id: "payses_3" }, context: {} })).data as PayPalData
    paypal.decline(data.id!)
    await expect(provider.authorizePayment({ data })).rejects.toMatchObject({ type: "not_allowed", message: expect.stringContaining("declined") })
  })

  it("verifies webhooks with PayPal before acting on them", async () => {
    const data = (await provider.initiatePayment({ amount: 10, currency_code: "eur", data: { session_id: "payses_4" }, context: {} })).data as PayPalData
    paypal.approve(data.id!)
    const event = paypal.signedEvent("CHECKOUT.ORDER.APPROVED", paypal.resources(data.id!).order)
    const payload = { data: JSON.parse(event.body), rawData: Buffer.from(event.body), headers: event.headers }
    expect(await provider.getWebhookActionAndData(payload)).toEqual({ action: "authorized", data: { session_id: "payses_4", amount: 10 } })

    const forged = paypal.signedEvent("CHECKOUT.ORDER.APPROVED", paypal.resources(data.id!).order, { webhookId: "WH-SOMEONE-ELSE" })
    await expect(provider.getWebhookActionAndData({ data: {}, rawData: Buffer.from(forged.body), headers: forged.headers })).rejects.toThrow(/did not confirm/)
    const tampered = event.body.replace('"10.00"', '"1.00"')
    await expect(provider.getWebhookActionAndData({ data: {}, rawData: Buffer.from(tampered), headers: event.headers })).rejects.toThrow(/did not confirm/)
    const stale = paypal.signedEvent("CHECKOUT.ORDER.APPROVED", paypal.resources(data.id!).order, { at: new Date(Date.now() - 400_000) })
    await expect(provider.getWebhookActionAndData({ data: {}, rawData: Buffer.from(stale.body), headers: stale.headers })).rejects.toThrow(/tolerance/)
    await expect(provider.getWebhookActionAndData({ data: {}, rawData: Buffer.from(event.body), headers: { "content-type": "application/json" } })).rejects.toThrow(/missing/)
  })
})
