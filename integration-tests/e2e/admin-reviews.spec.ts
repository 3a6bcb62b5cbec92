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
  async function pendingReview(email: string, productId: string, title: string, rating = 4) {
    const password = "a-long-enough-password"
    const { token } = await api("POST", "/auth/customer/emailpass/register", { email, password }, {})
    await api("POST", "/store/customers", { email, first_name: email.split("@")[0] }, { ...keel.store, authorization: `Bearer ${token}` })
    const login = await api("POST", "/auth/customer/emailpass", { email, password }, {})
    const { review } = await api("POST", `/store/products/${productId}/reviews`, { rating, title, content: `${title}: as described.` }, { ...keel.store, authorization: `Bearer ${login.token}` })
    expect(review.status).toBe("pending")
    return review.id as string
  }

  const statusOf = async (id: string) => (await api("GET", `/admin/reviews/${id}`)).review.status

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

    await until(() => statusOf(approveMe), (s) => s === "approved", 10_000, "approved")
    expect(await statusOf(keep)).toBe("pending")
    const published = await api("GET", `/store/products/${productId}/reviews`, undefined, store)
    expect(published.reviews.map((r: Json) => r.id)).toEqual([approveMe])
  })

  it("filters the queue, approves the selected reviews at once and answers one", async () => {
    const { page, store } = keel
    const { products } = await api("GET", "/store/products?limit=2&fields=id", undefined, store)
    const productId = products[1].id
    const low = await pendingReview("ana@example.com", productId, "Seams came loose", 2)
    const first = await pendingReview("ben@example.com", productId, "Soft and warm")
    const second = await pendingReview("cleo@example.com", productId, "True to size")

    await page.goto(`${keel.base}/app/reviews`)
    const queue = page.getByRole("region", { name: "Review queue" })
    const rowOf = (title: string) => queue.getByRole("row").filter({ hasText: title })
    await expectVisible(rowOf("Soft and warm"))
    await expectVisible(rowOf("Seams came loose"))

    // A rating chip from the DataTable's filter menu: only the 2-star review is left, and the URL says so.
    await queue.locator('button[aria-haspopup="menu"]').click()
    await page.getByRole("menuitem", { name: "Rating", exact: true }).click()
    await page.getByRole("listitem").filter({ hasText: /^2 stars$/ }).click()
    await rowOf("Soft and warm").waitFor({ state: "hidden" })
    await expectVisible(rowOf("Seams came loose"))
    expect(new URL(page.url()).searchParams.get("rating")).toBe("2")
    await page.keyboard.press("Escape")

    // Clearing the filters (the pending status chip too) lists every status.
    await queue.getByRole("button", { name: "Clear filters", exact: true }).click()
    await expectVisible(rowOf("Soft and warm"))
    await until(async () => new URL(page.url()).searchParams.get("status"), (s) => s === "all", 10_000, "status=all in the URL")

    // Back on the pending queue: select two rows and approve them with the command bar.
    await page.goto(`${keel.base}/app/reviews`)
    await rowOf("Soft and warm").getByRole("checkbox").click()
    await rowOf("True to size").getByRole("checkbox").click()
    await expectVisible(page.getByText("2 selected", { exact: true }))
    await page.getByRole("button", { name: /^Approve selected/ }).click()
    await rowOf("Soft and warm").waitFor({ state: "hidden" })
    await rowOf("True to size").waitFor({ state: "hidden" })
    await expectVisible(rowOf("Seams came loose"))
    await until(() => statusOf(first), (s) => s === "approved", 10_000, "first approved")
    await until(() => statusOf(second), (s) => s === "approved", 10_000, "second approved")
    expect(await statusOf(low)).toBe("pending")

    // The merchant answers the 2-star review from its row.
    const answer = "Sorry about the seams: a new one is on its way."
    await rowOf("Seams came loose").getByRole("button", { name: "Reply", exact: true }).click()
    await page.getByLabel("Reply", { exact: true }).fill(answer)
    await page.getByRole("button", { name: "Save reply", exact: true }).click()
    await until(async () => (await api("GET", `/admin/reviews/${low}`)).review.reply?.content, (c) => c === answer, 10_000, "reply saved")
    await expectVisible(rowOf("Seams came loose").getByText("Replied", { exact: true }))
  })
})
