import { byKey, cohorts, currenciesOf, funnel, kpis, productIds, ratio, series, topProducts, topZeroResultQueries, total, type Row } from "../metrics"

const HOUR = new Date("2026-03-10T11:00:00.000Z")
const row = (metric: string, key: string, value: number, bucket: Date = HOUR): Row => ({ bucket, metric, key, value })
const month = (ym: string) => new Date(`${ym}-01T00:00:00.000Z`)

describe("ratio, total and byKey", () => {
  it("divide, or give null when the denominator is 0", () => {
    expect(ratio(3, 4)).toBe(0.75)
    expect(ratio(0, 5)).toBe(0)
    expect(ratio(5, 0)).toBeNull()
    expect(ratio(0, 0)).toBeNull()
  })

  it("sum one metric over all keys, or over one key only", () => {
    const rows = [row("orders", "eur", 2), row("orders", "usd", 5), row("orders", "eur", 1), row("sessions", "", 40)]
    expect(total(rows, "orders")).toBe(8)
    expect(total(rows, "orders", "eur")).toBe(3)
    expect(total(rows, "orders", "gbp")).toBe(0)
    expect(total(rows, "sessions")).toBe(40)
    expect(total(rows, "searches")).toBe(0)
  })

  it("sum per key, largest first and ties in key order", () => {
    const rows = [row("q", "b", 2), row("q", "a", 1), row("q", "c", 5), row("q", "a", 1), row("other", "z", 100)]
    expect(byKey(rows, "q")).toEqual([
      { key: "c", value: 5 },
      { key: "a", value: 2 },
      { key: "b", value: 2 },
    ])
  })

  it("list the currencies with orders, most orders first, without a blank currency", () => {
    const rows = [row("orders", "eur", 2), row("orders", "usd", 7), row("orders", "", 50), row("revenue", "gbp", 900)]
    expect(currenciesOf(rows)).toEqual(["usd", "eur"])
  })
})

describe("analytics KPIs", () => {
  const rows = [
    row("sessions", "", 150),
    row("sessions", "", 50),
    row("sessions_with_order", "", 10),
    row("orders", "eur", 2),
    row("orders", "eur", 1),
    row("orders", "usd", 40),
    row("revenue", "eur", 120.1),
    row("revenue", "eur", 79.9),
    row("revenue", "usd", 9999),
    row("funnel_payment", "", 40),
    row("payment_abandoned", "", 10),
    row("searches", "", 50),
    row("zero_result_searches", "", 5),
    row("search_sessions", "", 20),
    row("search_sessions_with_order", "", 4),
    row("refunds", "eur", 1),
    row("refunds", "usd", 6),
    row("orders_new", "", 2),
    row("orders_returning", "", 1),
  ]

  it("compute conversion, abandonment at payment and the search rates from the rollups", () => {
    const k = kpis(rows, "eur")
    expect(k.sessions).toBe(200)
    expect(k.conversion_rate).toBe(0.05)
    expect(k.payment_abandonment_rate).toBe(0.25)
    expect(k.searches).toBe(50)
    expect(k.zero_result_searches).toBe(5)
    expect(k.zero_result_rate).toBe(0.1)
    expect(k.search_conversion).toBe(0.2)
    expect(k.new_customer_orders).toBe(2)
    expect(k.returning_customer_orders).toBe(1)
  })

  it("count orders, revenue and refunds in the chosen currency only, so other currencies do not leak in", () => {
    const eur = kpis(rows, "eur")
    expect(eur).toMatchObject({ orders: 3, revenue: 200, refunds: 1 })
    const usd = kpis(rows, "usd")
    expect(usd).toMatchObject({ orders: 40, revenue: 9999, refunds: 6 })
    expect(kpis(rows, "gbp")).toMatchObject({ orders: 0, revenue: 0, refunds: 0, aov: null })
  })

  it("round the average order value and revenue to cents", () => {
    // 200 / 3 = 66.666… → 66.67 (rounded, not truncated)
    expect(kpis(rows, "eur").aov).toBe(66.67)
    // 0.1 + 0.2 is 0.30000000000000004 in floating point
    const cents = kpis([row("orders", "eur", 1), row("revenue", "eur", 0.1), row("revenue", "eur", 0.2)], "eur")
    expect(cents.revenue).toBe(0.3)
    expect(cents.aov).toBe(0.3)
    expect(kpis([row("orders", "eur", 3), row("revenue", "eur", 100)], "eur").aov).toBe(33.33)
  })

  it("give null rates and a null average order value when there is nothing to divide by", () => {
    expect(kpis([], "eur")).toEqual({
      sessions: 0,
      orders: 0,
      revenue: 0,
      aov: null,
      conversion_rate: null,
      payment_abandonment_rate: null,
      searches: 0,
      zero_result_searches: 0,
      zero_result_rate: null,
      search_conversion: null,
      refunds: 0,
      new_customer_orders: 0,
      returning_customer_orders: 0,
    })
  })
})

describe("conversion funnel", () => {
  it("lists the steps in order with their labels, sessions, drop-off and conversion from the first step", () => {
    const rows = [
      row("funnel_order", "", 2),
      row("funnel_view", "", 60),
      row("funnel_add", "", 40),
      row("funnel_view", "", 40),
      row("funnel_checkout", "", 20),
      row("funnel_payment", "", 5),
    ]
    const f = funnel(rows)
    expect(f.map((s) => s.step)).toEqual(["view", "add", "checkout", "shipping", "payment", "order"])
    expect(f.map((s) => s.label)).toEqual(["Viewed a product", "Added to cart", "Started checkout", "Chose shipping", "Entered payment", "Ordered"])
    expect(f.map((s) => s.sessions)).toEqual([100, 40, 20, 0, 5, 2])
    const drop = f.map((s) => s.drop_off)
    expect(drop[0]).toBeNull()
    expect(drop[1]).toBeCloseTo(0.6)
    expect(drop[2]).toBeCloseTo(0.5)
    expect(drop[3]).toBe(1)
    expect(drop[5]).toBeCloseTo(0.6)
    expect(f.map((s) => s.conversion_from_start)).toEqual([1, 0.4, 0.2, 0, 0.05, 0.02])
  })

  it("has no drop-off at a step whose previous step had no sessions", () => {
    const f = funnel([row("funnel_view", "", 10), row("funnel_payment", "", 3)])
    // view 10 → add 0 (all lost), then nothing to lose until payment 3 → order 0
    expect(f.map((s) => s.drop_off)).toEqual([null, 1, null, null, null, 1])
  })

  it("never shows a negative drop-off when a step has more sessions than the one before", () => {
    const f = funnel([row("funnel_view", "", 10), row("funnel_add", "", 12)])
    expect(f[1].drop_off).toBe(0)
  })

  it("has no conversion from the start without sessions at the first step", () => {
    expect(funnel([row("funnel_add", "", 4)]).map((s) => s.conversion_from_start)).toEqual([null, null, null, null, null, null])
  })
})

describe("time series", () => {
  const zero = { sessions: 0, orders: 0, revenue: 0, searches: 0, zero_result_searches: 0 }

  it("has one point per hour from the start of the first hour to before the end, empty hours as zeros", () => {
    const from = new Date("2026-03-10T10:30:00.000Z")
    const to = new Date("2026-03-10T13:00:00.000Z")
    const at = (iso: string) => new Date(iso)
    const rows = [
      row("sessions", "", 5, at("2026-03-10T11:00:00.000Z")),
      row("sessions", "", 2, at("2026-03-10T11:00:00.000Z")),
      row("orders", "eur", 2, at("2026-03-10T11:00:00.000Z")),
      row("orders", "usd", 9, at("2026-03-10T11:00:00.000Z")),
      row("revenue", "eur", 0.1, at("2026-03-10T11:00:00.000Z")),
      row("revenue", "eur", 0.2, at("2026-03-10T11:00:00.000Z")),
      row("revenue", "usd", 500, at("2026-03-10T11:00:00.000Z")),
      row("searches", "", 3, at("2026-03-10T12:00:00.000Z")),
      row("zero_result_searches", "", 1, at("2026-03-10T12:00:00.000Z")),
      row("funnel_view", "", 99, at("2026-03-10T12:00:00.000Z")),
      // outside the range: before the first bucket, at the (exclusive) end, and not on a bucket boundary
      row("sessions", "", 100, at("2026-03-10T09:00:00.000Z")),
      row("sessions", "", 100, at("2026-03-10T13:00:00.000Z")),
      row("sessions", "", 100, at("2026-03-10T11:30:00.000Z")),
    ]
    expect(series(rows, from, to, "hour", "eur")).toEqual([
      { bucket: "2026-03-10T10:00:00.000Z", ...zero },
      { bucket: "2026-03-10T11:00:00.000Z", ...zero, sessions: 7, orders: 2, revenue: 0.3 },
      { bucket: "2026-03-10T12:00:00.000Z", ...zero, searches: 3, zero_result_searches: 1 },
    ])
  })

  it("has one point per day for day grain, filling days without data", () => {
    const from = new Date("2026-03-01T00:00:00.000Z")
    const to = new Date("2026-03-04T00:00:00.000Z")
    const rows = [row("sessions", "", 4, new Date("2026-03-02T00:00:00.000Z")), row("sessions", "", 8, new Date("2026-03-04T00:00:00.000Z"))]
    expect(series(rows, from, to, "day", "eur")).toEqual([
      { bucket: "2026-03-01T00:00:00.000Z", ...zero },
      { bucket: "2026-03-02T00:00:00.000Z", ...zero, sessions: 4 },
      { bucket: "2026-03-03T00:00:00.000Z", ...zero },
    ])
  })
})

describe("top zero-result queries", () => {
  it("lists the queries by searches, without a blank query, up to the limit", () => {
    const rows = [
      row("zero_result_query", "blue hat", 3),
      row("zero_result_query", "shoes", 5),
      row("zero_result_query", "blue hat", 4),
      row("zero_result_query", "", 50),
      row("zero_result_query", "scarf", 1),
      row("searches", "shoes", 99),
    ]
    expect(topZeroResultQueries(rows)).toEqual([
      { query: "blue hat", searches: 7 },
      { query: "shoes", searches: 5 },
      { query: "scarf", searches: 1 },
    ])
    expect(topZeroResultQueries(rows, 2).map((q) => q.query)).toEqual(["blue hat", "shoes"])
  })

  it("shows at most 10 by default", () => {
    const rows = Array.from({ length: 12 }, (_, i) => row("zero_result_query", `q${i}`, i + 1))
    expect(topZeroResultQueries(rows)).toHaveLength(10)
    expect(topZeroResultQueries(rows)[0]).toEqual({ query: "q11", searches: 12 })
  })
})

describe("top products", () => {
  const rows = [
    // prod_e before prod_a, so only the id puts them in order; prod_0 sorts first by id but last by views
    row("product_views", "prod_e", 100),
    row("product_adds", "prod_e", 1),
    row("product_views", "prod_0", 5),
    row("product_adds", "prod_0", 1),
    row("product_views", "prod_a", 100),
    row("product_adds", "prod_a", 1),
    row("product_views", "prod_b", 50),
    row("product_adds", "prod_b", 3),
    row("product_units", "prod_b", 2),
    row("product_units", "prod_c", 2),
    row("product_adds", "prod_c", 5),
    row("product_views", "prod_c", 30),
    row("product_units", "prod_d", 1),
    row("product_units", "prod_d", 2),
    row("product_views", "", 1000),
    row("orders", "prod_z", 1000),
  ]

  it("orders products by units, then adds, then views, then id, with their titles", () => {
    const titles = { prod_a: "Alpha", prod_b: "Beta", prod_c: "Gamma", prod_d: null }
    expect(topProducts(rows, titles)).toEqual([
      { product_id: "prod_d", title: null, views: 0, adds: 0, units: 3 },
      { product_id: "prod_c", title: "Gamma", views: 30, adds: 5, units: 2 },
      { product_id: "prod_b", title: "Beta", views: 50, adds: 3, units: 2 },
      { product_id: "prod_a", title: "Alpha", views: 100, adds: 1, units: 0 },
      { product_id: "prod_e", title: null, views: 100, adds: 1, units: 0 },
      { product_id: "prod_0", title: null, views: 5, adds: 1, units: 0 },
    ])
  })

  it("stops at the limit", () => {
    expect(topProducts(rows, {}, 2).map((p) => p.product_id)).toEqual(["prod_d", "prod_c"])
  })

  it("look up only the ids of products in the product metrics, each once", () => {
    expect(productIds(rows).sort()).toEqual(["prod_0", "prod_a", "prod_b", "prod_c", "prod_d", "prod_e"])
  })
})

describe("monthly cohorts", () => {
  it("size a cohort by its customers in its own month and give the share ordering each later month", () => {
    const rows = [
      row("cohort_customers", "2026-01", 6, month("2026-01")),
      row("cohort_customers", "2026-01", 4, month("2026-01")),
      row("cohort_customers", "2026-01", 4, month("2026-02")),
      // no orders in March: the gap month is 0
      row("cohort_customers", "2026-01", 2, month("2026-04")),
      row("cohort_customers", "2026-02", 5, month("2026-02")),
      row("cohort_customers", "2026-02", 5, month("2026-03")),
      row("orders", "2026-02", 99, month("2026-03")),
    ]
    expect(cohorts(rows)).toEqual([
      { cohort: "2026-01", customers: 10, retention: [1, 0.4, 0, 0.2] },
      { cohort: "2026-02", customers: 5, retention: [1, 1] },
    ])
  })

  it("count months across a year boundary and sort the cohorts", () => {
    const rows = [
      row("cohort_customers", "2026-01", 2, month("2026-01")),
      row("cohort_customers", "2025-12", 4, month("2025-12")),
      row("cohort_customers", "2025-12", 1, month("2026-01")),
    ]
    expect(cohorts(rows)).toEqual([
      { cohort: "2025-12", customers: 4, retention: [1, 0.25] },
      { cohort: "2026-01", customers: 2, retention: [1] },
    ])
  })

  it("ignore a cohort key later than the month it is reported in", () => {
    const rows = [row("cohort_customers", "2026-03", 7, month("2026-02")), row("cohort_customers", "2026-02", 3, month("2026-02"))]
    expect(cohorts(rows)).toEqual([{ cohort: "2026-02", customers: 3, retention: [1] }])
  })

  it("give a cohort without customers in its own month a size of 0 and zero retention", () => {
    expect(cohorts([row("cohort_customers", "2026-01", 3, month("2026-03"))])).toEqual([{ cohort: "2026-01", customers: 0, retention: [0, 0, 0] }])
  })
})
