import { describeInChromium, expectVisible, keelAdminSession, until } from "../helpers/admin-browser"

// The admin's Analytics and Signals pages (@keel/analytics) in Chromium, against Keel started as
// `npm start` starts it: the numbers they show are those of the sessions this test produces.
jest.setTimeout(6 * 60 * 1000)

;describeInChromium("admin-analytics")("the admin Analytics and Signals pages", () => {
  const keel = keelAdminSession({ prefix: "keel-admin-analytics-", screenshot: "/tmp/admin-analytics.png" })

  it("show the sessions, funnel and zero-result searches the shoppers produced, and the signal they trip", async () => {
    const { products } = await keel.api("GET", "/store/products?limit=1&fields=id", undefined, keel.store)
    const sessions = ["e2e-session-one", "e2e-session-two", "e2e-session-three"]
    for (const session of sessions) {
      const headers = { ...keel.store, "x-keel-session-id": session }
      await keel.api("POST", "/store/analytics/events", { events: [{ event: "Product Viewed", properties: { product_id: products[0].id } }] }, headers)
    }
    // Two searches nothing answers (searches are logged in batches, within a second or so).
    for (const session of sessions.slice(0, 2)) {
      await keel.api("POST", "/store/search", { entity: "product", filters: { q: "xqzvvbnk" } }, { ...keel.store, "x-keel-session-id": session })
    }
    await until(
      async () => {
        await keel.api("POST", "/admin/analytics/rollup", {})
        const to = new Date(Date.now() + 3_600_000).toISOString()
        return (await keel.api("GET", `/admin/analytics/overview?to=${to}`)).kpis.zero_result_searches as number
      },
      (n) => n === 2,
      30_000,
      "the searches rolled up"
    )

    const page = keel.page
    await page.getByRole("link", { name: "Analytics", exact: true }).click()
    await expectVisible(page.getByRole("heading", { level: 1, name: "Analytics" }))
    await expectVisible(page.getByTestId("kpi-sessions-value").filter({ hasText: /^3$/ }))
    await expectVisible(page.getByTestId("kpi-searches-value").filter({ hasText: /^2$/ }))
    await expectVisible(page.getByTestId("kpi-zero_result_rate-value").filter({ hasText: /100/ }))
    await expectVisible(page.getByTestId("funnel-view-sessions").filter({ hasText: /^3$/ }))
    const zero = page.getByRole("row").filter({ hasText: "xqzvvbnk" })
    await expectVisible(zero)
    await expectVisible(zero.getByRole("cell", { name: "2", exact: true }))

    await page.getByRole("navigation").getByRole("link", { name: "Signals", exact: true }).click()
    const signal = page.getByTestId("signal-zero_result_search")
    await expectVisible(signal)
    await expectVisible(page.getByTestId("signal-zero_result_search-status").filter({ hasText: /act/i }))
    await expectVisible(page.getByTestId("signal-zero_result_search-value").filter({ hasText: /100/ }))
    await expectVisible(signal.getByText("xqzvvbnk", { exact: false }).first())
  })
})
