import type { Context, Logger, ModuleJoinerConfig } from "@medusajs/framework/types"
import { Budgets } from "@keel/core"
import { InjectTransactionManager, MedusaContext, MedusaService } from "@medusajs/framework/utils"
import type { EntityManager } from "@medusajs/framework/mikro-orm/knex"
import { resolveOptions, type ResolvedReviewsOptions, type ReviewBudgets, type ReviewsPluginOptions } from "../../lib/options"
import type { ReviewInput, ReviewUpdate } from "../../lib/types"
import { emptyHistogram, summarize, type RatingSummary } from "../../lib/summary"
import { Review } from "./models/review"
import { ReviewMedia } from "./models/review-media"
import { ReviewReply } from "./models/review-reply"
import { ReviewRequest } from "./models/review-request"
import { ReviewSummary } from "./models/review-summary"
import { ReviewVote } from "./models/review-vote"
import { joinerConfig } from "./joiner-config"

type Ctx = Context<EntityManager>

class ReviewsModuleService extends MedusaService({ Review, ReviewMedia, ReviewReply, ReviewVote, ReviewSummary, ReviewRequest }) {
  protected readonly options_: ResolvedReviewsOptions
  protected readonly budgets_: Budgets<keyof ReviewBudgets>

  /** Query's view of the module (joiner-config.ts): entity names and the methods behind them. */
  // eslint-disable-next-line @medusajs/service-methods-must-be-async -- Module() and the module loader call it synchronously, as in Medusa's own modules
  __joinerConfig(): ModuleJoinerConfig {
    return joinerConfig
  }

  constructor(container: Record<string, unknown>, options?: ReviewsPluginOptions) {
    // eslint-disable-next-line prefer-rest-params
    super(...arguments)
    this.options_ = resolveOptions(options)
    const { budgets, redisUrl, trustedProxies } = this.options_
    this.budgets_ = new Budgets("keel_reviews", budgets, { redisUrl, trustedProxies, logger: container.logger as Logger | undefined })
  }

  async getOptions(): Promise<ResolvedReviewsOptions> {
    return this.options_
  }

  /** The plugin's budgets (writing reviews, uploading photos), counted per customer and per client address. */
  async budgets(): Promise<Budgets<keyof ReviewBudgets>> {
    return this.budgets_
  }

  /**
   * Recomputes the summaries of these products from their approved reviews, in the caller's
   * transaction. Serialised per product (a transaction-scoped advisory lock), so two changes
   * to one product's reviews at once cannot leave a summary that misses one of them.
   */
  @InjectTransactionManager()
  async refreshSummaries(productIds: string[], @MedusaContext() sharedContext: Ctx = {}): Promise<Record<string, RatingSummary>> {
    const manager = sharedContext.transactionManager!
    const result: Record<string, RatingSummary> = {}
    for (const productId of [...new Set(productIds)].sort()) {
      await manager.execute("SELECT pg_advisory_xact_lock(hashtext('keel_review_summary'), hashtext(?))", [productId])
      const rows: { rating: number; n: number }[] = await manager.execute(
        `SELECT rating, count(*)::int AS n FROM keel_review
          WHERE product_id = ? AND status = 'approved' AND deleted_at IS NULL
          GROUP BY rating`,
        [productId]
      )
      const histogram = emptyHistogram()
      for (const row of rows) {
        if (row.rating >= 1 && row.rating <= 5) {
          histogram[row.rating as 1 | 2 | 3 | 4 | 5] = row.n
        }
      }
      const summary = summarize(histogram, this.options_.bayesian)
      await manager.execute(
        `INSERT INTO keel_review_summary
           (id, product_id, count, rating_sum, average, bayesian_average, rating_1, rating_2, rating_3, rating_4, rating_5)
         VALUES ('revsum_' || replace(gen_random_uuid()::text, '-', ''), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (product_id) WHERE deleted_at IS NULL DO UPDATE SET
           count = excluded.count, rating_sum = excluded.rating_sum, average = excluded.average,
           bayesian_average = excluded.bayesian_average, rating_1 = excluded.rating_1, rating_2 = excluded.rating_2,
           rating_3 = excluded.rating_3, rating_4 = excluded.rating_4, rating_5 = excluded.rating_5, updated_at = now()`,
        [productId, summary.count, summary.rating_sum, summary.average, summary.bayesian_average, histogram[1], histogram[2], histogram[3], histogram[4], histogram[5]]
      )
      result[productId] = summary
    }
    return result
  }

  /** Recounts a review's helpful and unhelpful votes, in the caller's transaction. */
  @InjectTransactionManager()
  async refreshVoteCounts(reviewIds: string[], @MedusaContext() sharedContext: Ctx = {}) {
    const manager = sharedContext.transactionManager!
    for (const reviewId of new Set(reviewIds)) {
      await manager.execute(
        `UPDATE keel_review SET
           helpful_count = (SELECT count(*) FROM keel_review_vote v WHERE v.review_id = ? AND v.helpful AND v.deleted_at IS NULL),
           unhelpful_count = (SELECT count(*) FROM keel_review_vote v WHERE v.review_id = ? AND NOT v.helpful AND v.deleted_at IS NULL)
         WHERE id = ?`,
        [reviewId, reviewId, reviewId]
      )
    }
  }

  // Writes that change what a product's summary counts, each with the summary refresh in
  // the same transaction.

  @InjectTransactionManager()
  async createReviewsWithSummary(data: ReviewInput[], @MedusaContext() sharedContext: Ctx = {}) {
    const created = await this.createReviews(data as Parameters<this["createReviews"]>[0], sharedContext)
    await sharedContext.transactionManager!.flush()
    await this.refreshSummaries(created.map((r) => r.product_id), sharedContext)
    return created
  }

  @InjectTransactionManager()
  async updateReviewsWithSummary(data: ReviewUpdate[], @MedusaContext() sharedContext: Ctx = {}) {
    const updated = await this.updateReviews(data as Parameters<this["updateReviews"]>[0], sharedContext)
    // The ORM writes an update at its next flush; the summary must count it.
    await sharedContext.transactionManager!.flush()
    await this.refreshSummaries(updated.map((r) => r.product_id), sharedContext)
    return updated
  }

  @InjectTransactionManager()
  async softDeleteReviewsWithSummary(ids: string[], @MedusaContext() sharedContext: Ctx = {}) {
    const reviews = await this.listReviews({ id: ids }, { select: ["id", "product_id"] }, sharedContext)
    await this.softDeleteReviews(ids, {}, sharedContext)
    await sharedContext.transactionManager!.flush()
    await this.refreshSummaries(reviews.map((r) => r.product_id), sharedContext)
  }

  @InjectTransactionManager()
  async restoreReviewsWithSummary(ids: string[], @MedusaContext() sharedContext: Ctx = {}) {
    await this.restoreReviews(ids, {}, sharedContext)
    await sharedContext.transactionManager!.flush()
    const reviews = await this.listReviews({ id: ids }, { select: ["id", "product_id"] }, sharedContext)
    await this.refreshSummaries(reviews.map((r) => r.product_id), sharedContext)
  }

  /** A product's summary as stored; an empty one when it has no approved reviews. */
  async getSummary(productId: string): Promise<RatingSummary> {
    const [row] = await this.listReviewSummaries({ product_id: productId }, { take: 1 })
    if (!row) {
      return summarize(emptyHistogram(), this.options_.bayesian)
    }
    return {
      count: row.count,
      rating_sum: row.rating_sum,
      average: row.average,
      bayesian_average: row.bayesian_average,
      histogram: { 1: row.rating_1, 2: row.rating_2, 3: row.rating_3, 4: row.rating_4, 5: row.rating_5 },
    }
  }
}

export default ReviewsModuleService
