import { describeInChromium, expectVisible, keelAdminSession, until } from "../helpers/admin-browser"

// The merchant moderates reviews on the Reviews page that @keel/reviews adds to the admin, in
// Chromium, against Keel started as `npm start` starts it (the plugin's admin extensions are
// in the admin build). The shopper's side goes through the store API.
jest.setTimeout(6 * 60 * 1000)

type Json = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any

;describeInChromium("admin-reviews")("the admin Reviews page", () => {
  const keel = keelAdminSession({ prefix: "keel-admin-reviews-", screenshot: "/tmp/admin-reviews.png" })
  const api = (method: string, route: string, body?: unknown, headers?: Record<string, string>) => keel.api(method, route, body, headers)

  /** A shopper (a new customer) reviews a product; unverified, so it waits in the queue. */
  async function pendingReview(email: string, productId: string, title: string) {
    const password = "a-long-enough-password"
    const { token } = await api("POST", "/auth/customer/emailpass/register", { email, password }, {})
    await api("POST", "/store/customers", { email, first_name: email.split("@")[0] }, { ...keel.store, authorization: `Bearer ${token}` })
    const login = await api("POST", "/auth/customer/emailpass", { email, password }, {})
    const { review } = await api("POST", `/store/products/${productId}/reviews`, { rating: 4, title, content: `${title}: as described.` }, { ...keel.store, authorization: `Bearer ${login.token}` })
    expect(review.status).toBe("pending")
    return review.id as string
  }

  it("approves a pending review, which leaves the queue and is published", async () => {
    const { page, store } = keel
    const { products } = await api("GET", "/store/products?limit=1&fields=id", undefined, store)
    const productId = products[0].id
    const approveMe = await pendingReview("rosa@example.com", productId, "Lovely colour")
    const keep = await pendingReview("tim@example.com", productId, "Runs large")

    await page.getByRole("link", { name: "Reviews", exact: true }).click()
    await expectVisible(page.getByRole("heading", { level: 1, name: "Reviews" }))
    const row = page.getByRole("row").filter({ hasText: "Lovely colour" })
    await expectVisible(row)
    await expectVisible(page.getByRole("row").filter({ hasText: "Runs large" }))
    await row.getByRole("button", { name: "Approve", exact: true }).click()
    await row.waitFor({ state: "hidden" })
    await expectVisible(page.getByRole("row").filter({ hasText: "Runs large" }))

    const statusOf = async (id: string) => (await api("GET", `/admin/reviews/${id}`)).review.status
    await until(() => statusOf(approveMe), (s) => s === "approved", 10_000, "approved")
    expect(await statusOf(keep)).toBe("pending")
    const published = await api("GET", `/store/products/${productId}/reviews`, undefined, store)
    expect(published.reviews.map((r: Json) => r.id)).toEqual([approveMe])
  })
})
