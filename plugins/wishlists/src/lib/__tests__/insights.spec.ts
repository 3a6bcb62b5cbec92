import { AdminWishlistInsights } from "../../api/admin/validators"
import { insightsPeriod, itemsPerList } from "../insights"

const DAY_MS = 24 * 60 * 60 * 1000

describe("wishlist insights period", () => {
  const now = new Date("2026-03-31T12:00:00.000Z")

  it("defaults to the 30 days up to now, or up to the end asked for", () => {
    expect(insightsPeriod({}, now)).toEqual({ from: new Date(now.getTime() - 30 * DAY_MS), to: now })
    const to = new Date("2026-02-01T00:00:00.000Z")
    expect(insightsPeriod({ to }, now)).toEqual({ from: new Date(to.getTime() - 30 * DAY_MS), to })
    const from = new Date("2026-03-01T00:00:00.000Z")
    expect(insightsPeriod({ from }, now)).toEqual({ from, to: now })
  })

  it("accepts ISO dates with a default limit of 10 and refuses an end before the start", () => {
    const query = AdminWishlistInsights.parse({ from: "2026-01-01", to: "2026-01-31T23:59:59Z" })
    expect(query).toEqual({ from: new Date("2026-01-01"), to: new Date("2026-01-31T23:59:59Z"), limit: 10 })
    expect(AdminWishlistInsights.parse({ from: "2026-01-01", to: "2026-01-01" }).to).toEqual(new Date("2026-01-01"))

    const backwards = AdminWishlistInsights.safeParse({ from: "2026-02-01", to: "2026-01-01" })
    expect(backwards.success).toBe(false)
    expect(backwards.error?.issues[0]).toMatchObject({ path: ["to"], message: "to must not be before from" })
    expect(AdminWishlistInsights.safeParse({ from: "not a date" }).success).toBe(false)
    expect(AdminWishlistInsights.safeParse({ limit: "0" }).success).toBe(false)
  })
})

describe("items per list", () => {
  it("averages to 2 decimals and is 0 without lists", () => {
    expect(itemsPerList(7, 3)).toBe(2.33)
    expect(itemsPerList(5, 2)).toBe(2.5)
    expect(itemsPerList(0, 4)).toBe(0)
    expect(itemsPerList(0, 0)).toBe(0)
  })
})
