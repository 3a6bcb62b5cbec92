import { containsProfanity, countLinks, DEFAULT_MODERATION, moderate } from "../moderation"
import { summarize } from "../summary"

describe("rating summary", () => {
  it("counts, averages and ranks with a Bayesian average", () => {
    const few = summarize({ 1: 0, 2: 0, 3: 0, 4: 0, 5: 2 })
    expect(few).toMatchObject({ count: 2, rating_sum: 10, average: 5 })
    // (5 × 3 + 10) / (5 + 2)
    expect(few.bayesian_average).toBeCloseTo(25 / 7, 4)
    const many = summarize({ 1: 2, 2: 3, 3: 10, 4: 60, 5: 125 })
    expect(many.count).toBe(200)
    expect(many.average).toBeCloseTo((2 + 6 + 30 + 240 + 625) / 200, 4)
    expect(many.bayesian_average).toBeCloseTo((15 + 903) / 205, 4)
    // Many good reviews outrank two perfect ones.
    expect(many.bayesian_average).toBeGreaterThan(few.bayesian_average)
    expect(summarize({ 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 })).toMatchObject({ count: 0, average: 0, bayesian_average: 3 })
    expect(summarize({ 1: 1, 2: 0, 3: 0, 4: 0, 5: 0 }, { mean: 4, weight: 1 }).bayesian_average).toBe(2.5)
  })
})

describe("moderation", () => {
  const review = { rating: 5, content: "Warm, soft and the seams held up all winter.", verified_purchase: true }

  it("approves verified reviews at or above the threshold and holds the rest", () => {
    expect(moderate(review)).toEqual({ status: "approved", reason: null })
    expect(moderate({ ...review, rating: 3 }).status).toBe("pending")
    expect(moderate({ ...review, verified_purchase: false }).status).toBe("pending")
    expect(moderate({ ...review, verified_purchase: false }, { ...DEFAULT_MODERATION, autoApproveVerifiedOnly: false }).status).toBe("approved")
  })

  it("flags profanity per language, with the merchant's own words, and not inside innocent words", () => {
    expect(moderate({ ...review, content: "What a load of SHIT." })).toEqual({ status: "flagged", reason: "profanity" })
    expect(moderate({ ...review, content: "Fucking brilliant" }).reason).toBe("profanity")
    expect(containsProfanity("So eine Scheiße", "de-DE")).toBe(true)
    expect(containsProfanity("C'est de la merde", "fr")).toBe(true)
    expect(containsProfanity("Scunthorpe shipping was quick, I assessed the class", "en")).toBe(false)
    expect(containsProfanity("the colour is rubbish", "en")).toBe(false)
    expect(containsProfanity("the colour is rubbish", "en", { ...DEFAULT_MODERATION, profanity: { en: ["rubbish"] } })).toBe(true)
  })

  it("flags links, e-mail addresses and repeated-character spam", () => {
    expect(countLinks("see https://cheap.example/deal and www.spam.biz")).toBe(2)
    expect(moderate({ ...review, content: "Buy followers at promo-deals.xyz now" }).reason).toBe("links")
    expect(moderate({ ...review, content: "write to me: seller@mail.example.com" }).reason).toBe("links")
    expect(moderate({ ...review, content: "Great!!!!!!!!!!!!!!!" }).reason).toBe("spam")
    expect(moderate({ ...review, content: "Fits as expected. 10/10, would buy again." }).status).toBe("approved")
  })
})
