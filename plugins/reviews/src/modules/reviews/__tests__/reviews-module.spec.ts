import path from "path"
import vm from "vm"
import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import type ReviewsModuleService from "../service"
import { REVIEWS_MODULE } from ".."
import { Review } from "../models/review"
import { ReviewMedia } from "../models/review-media"
import { ReviewReply } from "../models/review-reply"
import { ReviewSummary } from "../models/review-summary"
import { ReviewVote } from "../models/review-vote"

// The runner reads these when it builds its database URL (at the runner call below, after
// the imports). Local PostgreSQL, user postgres, trust auth: any other host turns SSL on.
process.env.DB_HOST = "localhost"
process.env.DB_USERNAME = "postgres"
process.env.DB_PASSWORD = ""

jest.setTimeout(60_000)

// Medusa opens a module's database connection with a real import() (mikro-orm-create-connection),
// which jest only runs with --experimental-vm-modules; `npm test` (scripts/test.mjs) sets it.
if (typeof vm.SyntheticModule !== "function") {
  throw new Error("Run this suite with NODE_OPTIONS=--experimental-vm-modules (npm test sets it): Medusa loads modules with import()")
}

// The keelReviews module on its own, against a database built from its own migration (so
// the partial unique indexes under test are the ones that ship).
const MODULE_DIR = path.resolve(__dirname, "..")
const runnerConfig = {
  moduleName: REVIEWS_MODULE,
  resolve: MODULE_DIR,
  moduleModels: [Review, ReviewMedia, ReviewReply, ReviewVote, ReviewSummary],
  pathToMigrations: path.join(MODULE_DIR, "migrations"),
}

const PRODUCT = "prod_01JKEELTEST"
const OTHER_PRODUCT = "prod_01JKEELOTHER"

type Service = ReviewsModuleService
type Db = { getManager(): { execute(sql: string, params?: unknown[]): Promise<Record<string, unknown>[]> } }

const review = (customer_id: string | null, rating: number, status: "approved" | "pending" | "rejected" = "approved", product_id = PRODUCT) => ({
  product_id,
  customer_id,
  rating,
  status,
  content: `${rating} stars from ${customer_id ?? "an import"}`,
})

/** Rows in keel_review for a product (and customer), live ones only unless told otherwise. */
async function countRows(db: Db, productId: string, customerId?: string, withDeleted = false): Promise<number> {
  const [row] = await db
    .getManager()
    .execute(
      `SELECT count(*)::int AS n FROM keel_review WHERE product_id = ?${customerId ? " AND customer_id = ?" : ""}${withDeleted ? "" : " AND deleted_at IS NULL"}`,
      customerId ? [productId, customerId] : [productId]
    )
  return row.n as number
}

moduleIntegrationTestRunner<Service>({
  ...runnerConfig,
  testSuite: ({ service, MikroOrmWrapper }) => {
    describe("rating summary (default prior: mean 3, weight 5)", () => {
      /** Approved 5,5,4,3,1 by five customers, plus a pending 5 and a rejected 1 that must not count. */
      async function seedFive() {
        return service.createReviewsWithSummary([
          review("cus_a", 5),
          review("cus_b", 5),
          review("cus_c", 4),
          review("cus_d", 3),
          review("cus_e", 1),
          review("cus_f", 5, "pending"),
          review("cus_g", 1, "rejected"),
        ])
      }

      it("counts only approved reviews: count, sum, average, histogram and Bayesian average", async () => {
        await seedFive()

        const summary = await service.getSummary(PRODUCT)
        expect(summary).toEqual({
          count: 5,
          rating_sum: 18,
          average: expect.closeTo(18 / 5, 4), // 3.6
          bayesian_average: expect.closeTo((5 * 3 + 18) / (5 + 5), 4), // 3.3
          histogram: { 1: 1, 2: 0, 3: 1, 4: 1, 5: 2 },
        })
        // The other product has no reviews at all.
        expect(await service.getSummary(OTHER_PRODUCT)).toEqual({
          count: 0,
          rating_sum: 0,
          average: 0,
          bayesian_average: 3,
          histogram: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 },
        })
      })

      it("follows a status change, a soft delete and a restore", async () => {
        const created = await seedFive()
        const oneStar = created.find((r) => r.customer_id === "cus_e")!
        const fiveStar = created.find((r) => r.customer_id === "cus_a")!

        // Rejecting the 1-star review leaves 5, 5, 4, 3.
        await service.updateReviewsWithSummary([{ id: oneStar.id, status: "rejected" }])
        expect(await service.getSummary(PRODUCT)).toEqual({
          count: 4,
          rating_sum: 17,
          average: expect.closeTo(17 / 4, 4), // 4.25
          bayesian_average: expect.closeTo((15 + 17) / (5 + 4), 4), // 3.5556
          histogram: { 1: 0, 2: 0, 3: 1, 4: 1, 5: 2 },
        })

        // Soft deleting one 5-star leaves 5, 4, 3.
        await service.softDeleteReviewsWithSummary([fiveStar.id])
        expect(await service.getSummary(PRODUCT)).toEqual({
          count: 3,
          rating_sum: 12,
          average: 4,
          bayesian_average: expect.closeTo((15 + 12) / (5 + 3), 4), // 3.375
          histogram: { 1: 0, 2: 0, 3: 1, 4: 1, 5: 1 },
        })

        // Restoring it brings back 5, 5, 4, 3.
        await service.restoreReviewsWithSummary([fiveStar.id])
        expect(await service.getSummary(PRODUCT)).toMatchObject({
          count: 4,
          rating_sum: 17,
          histogram: { 1: 0, 2: 0, 3: 1, 4: 1, 5: 2 },
        })

        // Approving the pending 5-star adds it: 5, 5, 5, 4, 3.
        const pending = created.find((r) => r.customer_id === "cus_f")!
        await service.updateReviewsWithSummary([{ id: pending.id, status: "approved" }])
        expect(await service.getSummary(PRODUCT)).toMatchObject({
          count: 5,
          rating_sum: 22,
          average: expect.closeTo(22 / 5, 4),
          bayesian_average: expect.closeTo((15 + 22) / (5 + 5), 4),
          histogram: { 1: 0, 2: 0, 3: 1, 4: 1, 5: 3 },
        })
      })

      it("falls back to the prior when a product has no approved review left", async () => {
        const [only] = await service.createReviewsWithSummary([review("cus_a", 4)])
        expect(await service.getSummary(PRODUCT)).toMatchObject({ count: 1, rating_sum: 4, average: 4 })

        await service.updateReviewsWithSummary([{ id: only.id, status: "rejected" }])
        expect(await service.getSummary(PRODUCT)).toEqual({
          count: 0,
          rating_sum: 0,
          average: 0,
          bayesian_average: 3,
          histogram: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 },
        })
        // Only pending reviews: still nothing counted.
        await service.createReviewsWithSummary([review("cus_b", 5, "pending", OTHER_PRODUCT)])
        expect(await service.getSummary(OTHER_PRODUCT)).toMatchObject({ count: 0, average: 0, bayesian_average: 3 })
      })
    })

    describe("one review per customer per product", () => {
      it("lets exactly one of two simultaneous reviews by the same customer through", async () => {
        const results = await Promise.allSettled([
          service.createReviewsWithSummary([review("cus_twice", 5)]),
          service.createReviewsWithSummary([review("cus_twice", 2)]),
        ])

        expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"])
        const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult
        expect(String(rejected.reason?.message ?? rejected.reason)).toMatch(/already exists/i)
        expect(await countRows(MikroOrmWrapper as unknown as Db, PRODUCT, "cus_twice", true)).toBe(1)

        // The summary counts the one that won, and only it.
        const [winner] = (results.find((r) => r.status === "fulfilled") as PromiseFulfilledResult<{ rating: number }[]>).value
        expect(await service.getSummary(PRODUCT)).toMatchObject({ count: 1, rating_sum: winner.rating })
      })

      it("lets reviews without a customer (imports) repeat for a product", async () => {
        await service.createReviewsWithSummary([review(null, 5), review(null, 4)])
        await service.createReviewsWithSummary([review(null, 3)])

        expect(await countRows(MikroOrmWrapper as unknown as Db, PRODUCT)).toBe(3)
        expect(await service.getSummary(PRODUCT)).toMatchObject({ count: 3, rating_sum: 12, average: 4 })
      })

      it("lets a customer review again once their review is soft deleted, and not before", async () => {
        const [first] = await service.createReviewsWithSummary([review("cus_again", 2)])
        await expect(service.createReviewsWithSummary([review("cus_again", 4)])).rejects.toThrow(/already exists/i)

        await service.softDeleteReviewsWithSummary([first.id])
        const [second] = await service.createReviewsWithSummary([review("cus_again", 4)])

        expect(second.id).not.toBe(first.id)
        expect(await countRows(MikroOrmWrapper as unknown as Db, PRODUCT, "cus_again")).toBe(1)
        expect(await countRows(MikroOrmWrapper as unknown as Db, PRODUCT, "cus_again", true)).toBe(2)
        expect(await service.getSummary(PRODUCT)).toMatchObject({ count: 1, rating_sum: 4, histogram: { 1: 0, 2: 0, 3: 0, 4: 1, 5: 0 } })
      })
    })

    describe("summaries under concurrent writes", () => {
      it("counts all ten reviews created at once by ten customers", async () => {
        const ratings = [5, 4, 3, 5, 2, 1, 4, 5, 3, 4] // sum 36
        await Promise.all(ratings.map((rating, i) => service.createReviewsWithSummary([review(`cus_${i}`, rating)])))

        expect(await countRows(MikroOrmWrapper as unknown as Db, PRODUCT)).toBe(10)
        expect(await service.getSummary(PRODUCT)).toEqual({
          count: 10,
          rating_sum: 36,
          average: expect.closeTo(3.6, 4),
          bayesian_average: expect.closeTo((15 + 36) / (5 + 10), 4), // 3.4
          histogram: { 1: 1, 2: 1, 3: 2, 4: 3, 5: 3 },
        })
      })
    })

    describe("helpful votes", () => {
      it("recounts helpful and unhelpful votes, one vote per customer", async () => {
        const [target] = await service.createReviewsWithSummary([review("cus_author", 4)])
        const votes = await service.createReviewVotes([
          { review_id: target.id, customer_id: "cus_v1", helpful: true },
          { review_id: target.id, customer_id: "cus_v2", helpful: true },
          { review_id: target.id, customer_id: "cus_v3", helpful: false },
        ])

        await service.refreshVoteCounts([target.id])
        expect(await service.retrieveReview(target.id)).toMatchObject({ helpful_count: 2, unhelpful_count: 1 })

        // A second vote by the same customer on the same review is refused.
        await expect(service.createReviewVotes([{ review_id: target.id, customer_id: "cus_v1", helpful: false }])).rejects.toThrow()
        await service.refreshVoteCounts([target.id])
        expect(await service.retrieveReview(target.id)).toMatchObject({ helpful_count: 2, unhelpful_count: 1 })

        // A withdrawn (soft deleted) vote no longer counts.
        const v1 = votes.find((v) => v.customer_id === "cus_v1")!
        await service.softDeleteReviewVotes([v1.id])
        await service.refreshVoteCounts([target.id])
        expect(await service.retrieveReview(target.id)).toMatchObject({ helpful_count: 1, unhelpful_count: 1 })
      })
    })
  },
})

// The same module with the merchant's own prior: mean 4, weight 2.
moduleIntegrationTestRunner<Service>({
  ...runnerConfig,
  moduleOptions: { bayesian: { mean: 4, weight: 2 } },
  testSuite: ({ service }) => {
    describe("rating summary (configured prior: mean 4, weight 2)", () => {
      it("uses the configured prior for the Bayesian average", async () => {
        expect((await service.getOptions()).bayesian).toEqual({ mean: 4, weight: 2 })
        await service.createReviewsWithSummary([review("cus_a", 5), review("cus_b", 5), review("cus_c", 4), review("cus_d", 3), review("cus_e", 1)])

        expect(await service.getSummary(PRODUCT)).toMatchObject({
          count: 5,
          rating_sum: 18,
          average: expect.closeTo(3.6, 4),
          bayesian_average: expect.closeTo((2 * 4 + 18) / (2 + 5), 4), // 3.7143
        })
        expect(await service.getSummary(OTHER_PRODUCT)).toMatchObject({ count: 0, average: 0, bayesian_average: 4 })
      })
    })
  },
})
