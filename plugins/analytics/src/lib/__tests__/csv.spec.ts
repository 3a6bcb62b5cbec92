import type { AnalyticsOverview, SignalsAnswer } from "../contract"
import { toCsv } from "../csv"

const overview: AnalyticsOverview = {
  range: { from: "2026-03-10T00:00:00.000Z", to: "2026-03-10T02:00:00.000Z", grain: "hour" },
  currency: "eur",
  currencies: ["eur"],
  kpis: {
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
  },
  series: [
    { bucket: "2026-03-10T00:00:00.000Z", sessions: 12, orders: 2, revenue: 45.5, searches: 7, zero_result_searches: 1 },
    { bucket: "2026-03-10T01:00:00.000Z", sessions: 0, orders: 0, revenue: 0, searches: 0, zero_result_searches: 0 },
  ],
  funnel: [
    { step: "view", label: "Viewed a product", sessions: 100, drop_off: null, conversion_from_start: 1 },
    { step: "add", label: "Added to cart", sessions: 25, drop_off: 0.75, conversion_from_start: 0.25 },
  ],
  top_zero_result_queries: [
    { query: 'hat, "blue"', searches: 4 },
    { query: "scarf", searches: 1 },
  ],
  top_products: [
    { product_id: "prod_1", title: "Blue hat", views: 30, adds: 5, units: 2 },
    { product_id: "prod_2", title: null, views: 3, adds: 0, units: 0 },
  ],
  cohorts: [
    { cohort: "2026-01", customers: 10, retention: [1, 0.4, 0.2] },
    { cohort: "2026-02", customers: 5, retention: [1] },
  ],
  rolled_up_at: null,
}

const signals: SignalsAnswer = {
  window_hours: 24,
  evaluated_at: "2026-03-10T12:00:00.000Z",
  signals: [
    {
      id: "zero_result_search",
      title: "Zero-result searches",
      value: 0.25,
      previous: 0.1,
      unit: "ratio",
      trend: "up",
      threshold: { watch: 0.1, act: 0.2 },
      status: "act",
      action: "Add synonyms, then retry",
      evidence: [],
    },
    {
      id: "database_load",
      title: "Database load",
      value: null,
      previous: null,
      unit: "per_second",
      trend: null,
      threshold: { watch: 200, act: 500 },
      status: "ok",
      action: "Cache more",
      evidence: [],
      peaks: [],
    },
  ],
}

const lines = (csv: string) => csv.split("\n").filter((l) => l !== "")

describe("CSV export", () => {
  it("writes the series with the revenue column named after the currency", () => {
    expect(lines(toCsv("series", overview, null))).toEqual([
      "bucket,sessions,orders,revenue_eur,searches,zero_result_searches",
      "2026-03-10T00:00:00.000Z,12,2,45.5,7,1",
      "2026-03-10T01:00:00.000Z,0,0,0,0,0",
    ])
  })

  it("writes the funnel with an empty cell for a missing drop-off", () => {
    expect(lines(toCsv("funnel", overview, null))).toEqual([
      "step,label,sessions,drop_off,conversion_from_start",
      "view,Viewed a product,100,,1",
      "add,Added to cart,25,0.75,0.25",
    ])
  })

  it("quotes a zero-result query containing a comma and doubles its quotes", () => {
    expect(lines(toCsv("zero_result_queries", overview, null))).toEqual(["query,searches", '"hat, ""blue""",4', "scarf,1"])
  })

  it("writes the top products with an empty title when the product has none", () => {
    expect(lines(toCsv("top_products", overview, null))).toEqual(["product_id,title,views,adds,units", "prod_1,Blue hat,30,5,2", "prod_2,,3,0,0"])
  })

  it("writes the cohorts with one column per month up to the longest retention", () => {
    expect(lines(toCsv("cohorts", overview, null))).toEqual(["cohort,customers,month_0,month_1,month_2", "2026-01,10,1,0.4,0.2", "2026-02,5,1"])
    expect(lines(toCsv("cohorts", { ...overview, cohorts: [] }, null))).toEqual(["cohort,customers"])
  })

  it("writes the signals with their thresholds, status and action, empty cells for missing values", () => {
    expect(lines(toCsv("signals", null, signals))).toEqual([
      "signal,value,previous,trend,watch,act,status,action",
      'zero_result_search,0.25,0.1,up,0.1,0.2,act,"Add synonyms, then retry"',
      "database_load,,,,200,500,ok,Cache more",
    ])
  })

  it("ends every row with a line break, the header included", () => {
    expect(toCsv("zero_result_queries", { ...overview, top_zero_result_queries: [] }, null)).toBe("query,searches\n")
  })
})
