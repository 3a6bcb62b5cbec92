import { DEFAULT_RANGE_DAYS, resolveRange } from "../overview"

const HOUR_MS = 3_600_000
const DAY_MS = 24 * HOUR_MS

describe("analytics overview range", () => {
  const now = new Date("2026-03-31T12:34:56.789Z")

  it("defaults to the 30 days up to now in whole days", () => {
    expect(DEFAULT_RANGE_DAYS).toBe(30)
    expect(resolveRange({}, now)).toEqual({
      from: new Date("2026-03-01T00:00:00.000Z"),
      to: new Date("2026-04-01T00:00:00.000Z"),
      grain: "day",
    })
  })

  it("counts the 30 days back from the end asked for, and runs to now from the start asked for", () => {
    expect(resolveRange({ to: new Date("2026-02-15T06:00:00.000Z") }, now)).toEqual({
      from: new Date("2026-01-16T00:00:00.000Z"),
      to: new Date("2026-02-16T00:00:00.000Z"),
      grain: "day",
    })
    expect(resolveRange({ from: new Date("2026-03-30T20:10:00.000Z") }, now)).toEqual({
      from: new Date("2026-03-30T20:00:00.000Z"),
      to: new Date("2026-03-31T13:00:00.000Z"),
      grain: "hour",
    })
  })

  it("uses hours up to 2 days and days beyond", () => {
    const to = new Date("2026-03-10T00:00:00.000Z")
    expect(resolveRange({ from: new Date(to.getTime() - 2 * DAY_MS), to }, now).grain).toBe("hour")
    expect(resolveRange({ from: new Date(to.getTime() - 2 * DAY_MS - 1), to }, now).grain).toBe("day")
    expect(resolveRange({ from: new Date(to.getTime() - HOUR_MS), to }, now).grain).toBe("hour")
  })

  it("widens to whole buckets: the start floored, the end ceiled, bucket boundaries kept", () => {
    expect(resolveRange({ from: new Date("2026-03-09T10:15:00.000Z"), to: new Date("2026-03-10T09:20:00.000Z") }, now)).toEqual({
      from: new Date("2026-03-09T10:00:00.000Z"),
      to: new Date("2026-03-10T10:00:00.000Z"),
      grain: "hour",
    })
    expect(resolveRange({ from: new Date("2026-03-01T23:59:00.000Z"), to: new Date("2026-03-05T00:01:00.000Z") }, now)).toEqual({
      from: new Date("2026-03-01T00:00:00.000Z"),
      to: new Date("2026-03-06T00:00:00.000Z"),
      grain: "day",
    })
    const aligned = { from: new Date("2026-03-01T00:00:00.000Z"), to: new Date("2026-03-08T00:00:00.000Z") }
    expect(resolveRange(aligned, now)).toEqual({ ...aligned, grain: "day" })
  })
})
