import { describeInChromium, expectVisible, keelAdminSession, until } from "../helpers/admin-browser"
// eslint-disable-next-line @typescript-eslint/no-require-imports -- shared with bench/flash-sale (CommonJS)
const sale = require("../helpers/checkout-burst.cjs")

// The product page's "Purchase limit" widget (@keel/flash-sales) in Chromium, against Keel
// started as `npm start` starts it: what the merchant types is refused or saved as the admin API
// shows it, and checkout applies the saved limit until the merchant removes it.
jest.setTimeout(6 * 60 * 1000)

type Json = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any

;describeInChromium("admin-flash-sales")("the product page's Purchase limit widget", () => {
  const keel = keelAdminSession({ prefix: "keel-admin-flash-sales-", screenshot: "/tmp/admin-flash-sales.png" })

  it("refuses bad input, saves a limit that checkout applies, and removes it", async () => {
    const session = await sale.adminSession(keel.base, keel.login.email, keel.login.password)
    const product = await sale.createSaleProduct(session, {
      title: "Harbour Drop Tee",
      variants: [{ title: "Single", draws: [{ item: "a", units: 1 }] }],
      stock: { a: 10 },
    })
    const limitRoute = `/admin/products/${product.productId}/purchase-limit`
    const storedLimit = async () => ((await keel.api("GET", limitRoute)) as Json).purchase_limit
    const key = keel.store["x-publishable-api-key"]
    const cartOf = (quantity: number) =>
      sale.readyCart(keel.base, key, session, { items: [{ variant_id: product.variantIds.Single, quantity }], email: "lena@example.com" })
    const complete = async (cartId: string) => ((await sale.burst(keel.base, key, [cartId])) as { results: Json[] }).results[0]

    const page = keel.page
    await page.goto(`${keel.base}/app/products/${product.productId}`)
    const widget = page.getByRole("region", { name: "Purchase limit" })
    await expectVisible(widget.getByText("No limit", { exact: true }))
    const max = widget.getByLabel("Max per customer")
    const save = widget.getByRole("button", { name: "Save" })

    // An empty field is not shown as an error before the merchant has typed anything.
    expect(await max.evaluate((input) => input.matches(":invalid"))).toBe(false)
    // Bad input is answered in the form, and nothing is stored.
    await max.fill("0")
    await save.click()
    await expectVisible(widget.getByText("Max per customer must be a whole number of at least 1"))
    expect(await max.getAttribute("aria-invalid")).toBe("true")
    await max.fill("2")
    await widget.getByLabel("Starts (optional)").fill("2031-03-02T10:00")
    await widget.getByLabel("Ends (optional)").fill("2031-03-01T10:00")
    await save.click()
    await expectVisible(widget.getByText("End must be after start"))
    expect(await storedLimit()).toBeNull()

    // A limit of 2 per customer, from now on.
    await widget.getByLabel("Starts (optional)").fill("")
    await widget.getByLabel("Ends (optional)").fill("")
    await save.click()
    await expectVisible(widget.getByText("Max 2 per customer", { exact: true }))
    await expectVisible(widget.getByText("Active", { exact: true }))
    expect(await storedLimit()).toMatchObject({ max_quantity: 2, starts_at: null, ends_at: null })
    // Saved, not only shown: a fresh page reads it back.
    await page.reload()
    await expectVisible(widget.getByText("Max 2 per customer", { exact: true }))
    await until(() => max.inputValue(), (value) => value === "2", 10_000, "the form holds the saved limit")

    // Checkout applies it: 3 in one cart is refused, with the product named.
    const three = await cartOf(3)
    expect(await complete(three)).toMatchObject({ status: 409, code: "purchase_limit_exceeded", productIds: [product.productId] })

    // Removed in the widget, the same cart is sold.
    await widget.getByRole("button", { name: "Remove" }).click()
    await expectVisible(widget.getByText("No limit", { exact: true }))
    expect(await storedLimit()).toBeNull()
    expect((await complete(three)).orderId).toBeDefined()
  })
})
