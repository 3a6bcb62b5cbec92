import { decideAlert, priceDropPercent, type AlertState } from "../alert-rules"

const stock = (in_stock: boolean | null): AlertState => ({ kind: "back_in_stock", in_stock, saved_amount: null, reference_amount: null })
const price = (saved: number | null, reference: number | null): AlertState => ({ kind: "price_drop", in_stock: null, saved_amount: saved, reference_amount: reference })
const seen = (availability: number | null, amount: number | null = null) => ({ exists: true, availability, amount })

describe("back-in-stock alerts", () => {
  it("fire only when the variant goes from unavailable to available", () => {
    expect(decideAlert(stock(false), seen(5), 10)).toEqual({ fire: true, next: { in_stock: true } })
    expect(decideAlert(stock(true), seen(7), 10)).toEqual({ fire: false, next: {} })
    expect(decideAlert(stock(true), seen(0), 10)).toEqual({ fire: false, next: { in_stock: false } })
    expect(decideAlert(stock(false), seen(0), 10)).toEqual({ fire: false, next: {} })
  })

  it("count a variant whose stock is not managed as available, and record a first sighting without firing", () => {
    expect(decideAlert(stock(false), seen(null), 10).fire).toBe(true)
    expect(decideAlert(stock(null), seen(3), 10)).toEqual({ fire: false, next: { in_stock: true } })
  })

  it("say nothing about a variant that no longer exists", () => {
    expect(decideAlert(stock(false), { exists: false, availability: 4, amount: null }, 10)).toEqual({ fire: false, next: {} })
  })
})

describe("price-drop alerts", () => {
  it("fire once for a drop of at least the percent, and not again for the same price", () => {
    const first = decideAlert(price(100, 100), seen(1, 80), 10)
    expect(first).toEqual({ fire: true, next: { reference_amount: 80 }, previous_amount: 100 })
    expect(decideAlert(price(100, 80), seen(1, 80), 10)).toEqual({ fire: false, next: {} })
  })

  it("compare with the price of the last alert, so a small further cut is not a new drop but a deep one is", () => {
    expect(decideAlert(price(100, 80), seen(1, 75), 10).fire).toBe(false)
    expect(decideAlert(price(100, 80), seen(1, 72), 10)).toMatchObject({ fire: true, previous_amount: 80, next: { reference_amount: 72 } })
  })

  it("honour the threshold exactly, without floating-point noise", () => {
    expect(decideAlert(price(19.99, 19.99), seen(1, 17.991), 10).fire).toBe(true)
    expect(decideAlert(price(19.99, 19.99), seen(1, 17.992), 10).fire).toBe(false)
    expect(decideAlert(price(100, 100), seen(1, 80), 25).fire).toBe(false)
    expect(decideAlert(price(0.3, 0.3), seen(1, 0.1 + 0.17), 10).fire).toBe(true)
  })

  it("re-arm when the price goes back up, never above the price when the shopper asked", () => {
    expect(decideAlert(price(100, 80), seen(1, 100), 10)).toEqual({ fire: false, next: { reference_amount: 100 } })
    expect(decideAlert(price(100, 80), seen(1, 130), 10)).toEqual({ fire: false, next: { reference_amount: 100 } })
    expect(decideAlert(price(100, 80), seen(1, 85), 10)).toEqual({ fire: false, next: { reference_amount: 85 } })
    // a 5 % cut is not a 10 % drop
    expect(decideAlert(price(100, 100), seen(1, 95), 10)).toEqual({ fire: false, next: {} })
  })

  it("start from the first price seen when none could be read at the start, and ignore a missing price", () => {
    expect(decideAlert(price(null, null), seen(1, 50), 10)).toEqual({ fire: false, next: { saved_amount: 50, reference_amount: 50 } })
    expect(decideAlert(price(100, 100), seen(1, null), 10)).toEqual({ fire: false, next: {} })
  })
})

describe("price-drop percent option", () => {
  it("defaults to 10 and refuses what is not a percent between 0 and 100", () => {
    expect(priceDropPercent(undefined)).toBe(10)
    expect(priceDropPercent(20)).toBe(20)
    expect(priceDropPercent("15")).toBe(15)
    for (const bad of [0, -5, 100, "lots", Number.NaN]) {
      expect(() => priceDropPercent(bad)).toThrow(/priceDropPercent/)
    }
  })
})
