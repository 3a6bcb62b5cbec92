import type { Row } from "../metrics"
import { ACTIONS, databaseLoadSignal, paymentAbandonmentSignal, statusOf, trendOf, zeroResultSignal, type DbSample } from "../signals"

const row = (metric: string, key: string, value: number): Row => ({ bucket: new Date("2026-03-10T11:00:00.000Z"), metric, key, value })

describe("signal status", () => {
  const threshold = { watch: 0.1, act: 0.2 }

  it("is ok below watch, watch from exactly watch, act from exactly act", () => {
    expect(statusOf(0, threshold)).toBe("ok")
    expect(statusOf(0.0999, threshold)).toBe("ok")
    expect(statusOf(0.1, threshold)).toBe("watch")
    expect(statusOf(0.1999, threshold)).toBe("watch")
    expect(statusOf(0.2, threshold)).toBe("act")
    expect(statusOf(5, threshold)).toBe("act")
  })

  it("is ok without a value", () => {
    expect(statusOf(null, threshold)).toBe("ok")
    expect(statusOf(null, { watch: 0, act: 0 })).toBe("ok")
  })

  it("goes straight to act when watch and act are the same", () => {
    expect(statusOf(0.3, { watch: 0.3, act: 0.3 })).toBe("act")
    expect(statusOf(0.29, { watch: 0.3, act: 0.3 })).toBe("ok")
  })
})

describe("signal trend", () => {
  it("is up or down only when the value moved more than 5 %", () => {
    expect(trendOf(106, 100)).toBe("up")
    expect(trendOf(105.01, 100)).toBe("up")
    expect(trendOf(105, 100)).toBe("flat")
    expect(trendOf(100, 100)).toBe("flat")
    expect(trendOf(95, 100)).toBe("flat")
    expect(trendOf(94.99, 100)).toBe("down")
    expect(trendOf(0, 100)).toBe("down")
  })

  it("is up from a previous 0 when the value is above 0, else flat", () => {
    expect(trendOf(0.01, 0)).toBe("up")
    expect(trendOf(0, 0)).toBe("flat")
  })

  it("is null without both values", () => {
    expect(trendOf(null, 1)).toBeNull()
    expect(trendOf(1, null)).toBeNull()
    expect(trendOf(null, null)).toBeNull()
  })
})

describe("zero-result search signal", () => {
  const threshold = { watch: 0.1, act: 0.2 }
  const current = [
    row("searches", "", 60),
    row("searches", "", 40),
    row("zero_result_searches", "", 25),
    row("zero_result_query", "shoes", 10),
    row("zero_result_query", "blue hat", 8),
    row("zero_result_query", "scarf", 3),
    row("zero_result_query", "gloves", 2),
    row("zero_result_query", "belt", 1),
    row("zero_result_query", "socks", 1),
  ]
  const previous = [row("searches", "", 100), row("zero_result_searches", "", 10)]

  it("measures searches without results against all searches and compares with the window before", () => {
    const s = zeroResultSignal(current, previous, threshold)
    expect(s).toMatchObject({ id: "zero_result_search", unit: "ratio", value: 0.25, previous: 0.1, trend: "up", status: "act", threshold })
    expect(s.action).toBe(ACTIONS.zero_result_search)
    expect(s.peaks).toBeUndefined()
  })

  it("shows the searches, the share without results and the top 5 zero-result queries as evidence", () => {
    expect(zeroResultSignal(current, previous, threshold).evidence).toEqual([
      { label: "Searches", value: "100" },
      { label: "Without results", value: "25 (25.0 %)" },
      { label: "“shoes”", value: "10 searches, no results" },
      { label: "“blue hat”", value: "8 searches, no results" },
      { label: "“scarf”", value: "3 searches, no results" },
      { label: "“gloves”", value: "2 searches, no results" },
      { label: "“belt”", value: "1 searches, no results" },
    ])
  })

  it("has no value, an ok status and no trend without searches", () => {
    const s = zeroResultSignal([], previous, threshold)
    expect(s).toMatchObject({ value: null, previous: 0.1, trend: null, status: "ok" })
    expect(s.evidence).toEqual([
      { label: "Searches", value: "0" },
      { label: "Without results", value: "0 (–)" },
    ])
  })
})

describe("payment abandonment signal", () => {
  const threshold = { watch: 0.3, act: 0.5 }

  it("measures sessions that left at payment against those that reached it, with the orders as evidence", () => {
    const s = paymentAbandonmentSignal(
      [row("funnel_payment", "", 40), row("payment_abandoned", "", 12), row("funnel_view", "", 500)],
      [row("funnel_payment", "", 50), row("payment_abandoned", "", 20)],
      threshold
    )
    expect(s).toMatchObject({ id: "payment_abandonment", unit: "ratio", value: 0.3, previous: 0.4, trend: "down", status: "watch", threshold })
    expect(s.action).toBe(ACTIONS.payment_abandonment)
    expect(s.evidence).toEqual([
      { label: "Sessions that reached payment", value: "40" },
      { label: "Of them, ordered", value: "28" },
      { label: "Left at payment", value: "12 (30.0 %)" },
    ])
  })

  it("is ok with no value when no session reached payment", () => {
    const s = paymentAbandonmentSignal([], [], threshold)
    expect(s).toMatchObject({ value: null, previous: null, trend: null, status: "ok" })
    expect(s.evidence[2]).toEqual({ label: "Left at payment", value: "0 (–)" })
  })
})

describe("database load signal", () => {
  const threshold = { watch: 200, act: 500 }
  const sample = (minute: number, tps: number, over: Partial<DbSample> = {}): DbSample => ({
    sampled_at: new Date(Date.UTC(2026, 2, 10, 12, minute)),
    tps,
    active_connections: 1,
    total_connections: 10,
    max_connections: 100,
    pool_max: null,
    blks_read: 10,
    blks_hit: 90,
    cache_hits: 3,
    cache_misses: 1,
    ...over,
  })
  const current = [
    sample(0, 10),
    sample(5, 300, { active_connections: 7 }),
    sample(10, 120),
    sample(15, 610.26, { active_connections: 4, pool_max: 20 }),
    sample(20, 80),
    sample(25, 90, { active_connections: 2, pool_max: 30 }),
    sample(30, 400, { blks_read: 0, blks_hit: 0, cache_hits: 0, cache_misses: 0 }),
  ]
  const previous = [sample(0, 100), sample(5, 400)]

  it("takes the busiest sample's transactions per second as the value and compares with the window before", () => {
    const s = databaseLoadSignal(current, previous, threshold)
    expect(s).toMatchObject({ id: "database_load", unit: "per_second", value: 610.26, previous: 400, trend: "up", status: "act", threshold })
    expect(s.action).toBe(ACTIONS.database_load)
  })

  it("explains the load with the average, peak connections of the pool and the buffer and catalog cache hit ratios", () => {
    // 6 samples with 10 read / 90 hit blocks and 3 hits / 1 miss in the cache, one with none
    expect(databaseLoadSignal(current, previous, threshold).evidence).toEqual([
      { label: "Samples", value: "7" },
      { label: "Average transactions/s", value: "230.0" },
      { label: "Peak active connections", value: "7 of a pool of 20" },
      { label: "Database buffer hit ratio", value: "90.0 %" },
      { label: "Catalog cache hit ratio", value: "75.0 %" },
    ])
  })

  it("says the catalog cache hit ratio is not measured when the app names no cache header", () => {
    expect(databaseLoadSignal(current, previous, threshold, false).evidence[4]).toEqual({
      label: "Catalog cache hit ratio",
      value: "not measured (no catalogCache option)",
    })
  })

  it("shows peak connections alone when no sample knows the pool size", () => {
    const s = databaseLoadSignal([sample(0, 10, { active_connections: 3 }), sample(1, 20, { active_connections: 5 })], [], threshold)
    expect(s.evidence[2]).toEqual({ label: "Peak active connections", value: "5" })
  })

  it("lists the 5 busiest samples, busiest first, with transactions per second to one decimal", () => {
    expect(databaseLoadSignal(current, previous, threshold).peaks).toEqual([
      { at: "2026-03-10T12:15:00.000Z", tps: 610.3, active_connections: 4 },
      { at: "2026-03-10T12:30:00.000Z", tps: 400, active_connections: 1 },
      { at: "2026-03-10T12:05:00.000Z", tps: 300, active_connections: 7 },
      { at: "2026-03-10T12:10:00.000Z", tps: 120, active_connections: 1 },
      { at: "2026-03-10T12:25:00.000Z", tps: 90, active_connections: 2 },
    ])
  })

  it("is ok with no value, no trend and empty evidence without samples", () => {
    const s = databaseLoadSignal([], previous, threshold)
    expect(s).toMatchObject({ value: null, previous: 400, trend: null, status: "ok", peaks: [] })
    expect(s.evidence).toEqual([
      { label: "Samples", value: "0" },
      { label: "Average transactions/s", value: "–" },
      { label: "Peak active connections", value: "0" },
      { label: "Database buffer hit ratio", value: "–" },
      { label: "Catalog cache hit ratio", value: "–" },
    ])
  })

  it("watches from the watch threshold exactly", () => {
    expect(databaseLoadSignal([sample(0, 200)], [], threshold).status).toBe("watch")
    expect(databaseLoadSignal([sample(0, 199.9)], [], threshold).status).toBe("ok")
  })
})
