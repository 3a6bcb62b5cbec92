import crypto from "crypto"
import type { Context, Logger } from "@medusajs/framework/types"
import { Budgets } from "@keel/core"
import { InjectManager, InjectTransactionManager, MedusaContext, MedusaService } from "@medusajs/framework/utils"
import type { EntityManager } from "@medusajs/framework/mikro-orm/knex"
import type { CapturedEvent } from "../../lib/events"
import { resolveOptions, type AnalyticsPluginOptions, type ResolvedAnalyticsOptions } from "../../lib/options"
import { COHORT_ROLLUP, EVENT_ROLLUP, SESSION_ROLLUP, SESSIONS_OF_RANGE, TOUCHED_DAYS } from "../../lib/rollup-sql"
import { AnalyticsCartSession } from "./models/cart-session"
import { AnalyticsCursor } from "./models/cursor"
import { AnalyticsDbSample } from "./models/db-sample"
import { AnalyticsEvent } from "./models/event"
import { AnalyticsRollup } from "./models/rollup"

type Ctx = Context<EntityManager>

const HOUR_MS = 3_600_000
const DAY_MS = 24 * HOUR_MS
const ROLLUP_CURSOR = "rollup"
/** Events inserted in a transaction that commits late may carry a received_at just before the watermark: look back this far. */
const COMMIT_SLACK_MS = 60_000

export type IngestBudget = "perSession" | "perAddress"

export type RollupRow = { grain: "hour" | "day" | "month"; bucket: Date; metric: string; key: string; value: number }
export type RollupResult = { days: string[]; watermark: Date }

const newId = (prefix: string) => `${prefix}_${crypto.randomUUID().replace(/-/g, "")}`

class AnalyticsModuleService extends MedusaService({ AnalyticsEvent, AnalyticsRollup, AnalyticsDbSample, AnalyticsCartSession, AnalyticsCursor }) {
  protected readonly options_: ResolvedAnalyticsOptions
  protected readonly budgets_: Budgets<IngestBudget>

  constructor(container: Record<string, unknown>, options?: AnalyticsPluginOptions) {
    // eslint-disable-next-line prefer-rest-params
    super(...arguments)
    this.options_ = resolveOptions(options)
    const { ingest, redisUrl, trustedProxies } = this.options_
    this.budgets_ = new Budgets(
      "keel_analytics_ingest",
      { perSession: { points: ingest.batchesPerMinute, duration: 60 }, perAddress: { points: ingest.batchesPerMinutePerAddress, duration: 60 } },
      { redisUrl, trustedProxies, logger: container.logger as Logger | undefined }
    )
  }

  async getOptions(): Promise<ResolvedAnalyticsOptions> {
    return this.options_
  }

  /** The ingest route's budgets: batches per session and per client address, a minute each. */
  async budgets(): Promise<Budgets<IngestBudget>> {
    return this.budgets_
  }

  /**
   * Appends events in one statement. An event whose dedupe key is already stored is skipped
   * (server-side capture is exactly-once). Returns the ids of those stored and their
   * positions in `events`.
   */
  @InjectManager()
  async appendEvents(events: CapturedEvent[], @MedusaContext() sharedContext: Ctx = {}): Promise<{ ids: string[]; stored: number[] }> {
    if (!events.length) return { ids: [], stored: [] }
    const manager = sharedContext.manager!
    const now = new Date()
    const rows = events.map((e) => ({
      id: newId("aev"),
      name: e.name,
      session_id: e.session_id,
      customer_id: e.customer_id ?? null,
      properties: JSON.stringify(e.properties ?? {}),
      occurred_at: e.occurred_at ?? now,
      received_at: now,
      source: e.source,
      dedupe_key: e.dedupe_key ?? null,
      created_at: now,
      updated_at: now,
    }))
    const knex = manager.getKnex()
    const inserted: { id: string }[] = await manager.execute(knex("keel_analytics_event").insert(rows).onConflict().ignore().returning("id"))
    const position = new Map(rows.map((r, i) => [r.id, i]))
    return { ids: inserted.map((r) => r.id), stored: inserted.map((r) => position.get(r.id)!).sort((a, b) => a - b) }
  }

  /** Removes appended events (undoing a capture whose workflow failed). */
  @InjectManager()
  async removeEvents(ids: string[], @MedusaContext() sharedContext: Ctx = {}): Promise<void> {
    if (!ids.length) return
    const manager = sharedContext.manager!
    await manager.execute(manager.getKnex()("keel_analytics_event").whereIn("id", ids).delete())
  }

  /** Binds a cart to the storefront session it was made in (the first binding stays). */
  @InjectManager()
  async bindCartSession(cartId: string, sessionId: string, @MedusaContext() sharedContext: Ctx = {}): Promise<void> {
    const manager = sharedContext.manager!
    const now = new Date()
    await manager.execute(
      manager
        .getKnex()("keel_analytics_cart_session")
        .insert({ id: newId("acs"), cart_id: cartId, session_id: sessionId, created_at: now, updated_at: now })
        .onConflict()
        .ignore()
    )
  }

  @InjectManager()
  async sessionOfCart(cartId: string, @MedusaContext() sharedContext: Ctx = {}): Promise<string | null> {
    const manager = sharedContext.manager!
    const rows: { session_id: string }[] = await manager.execute(
      manager.getKnex()("keel_analytics_cart_session").select("session_id").where({ cart_id: cartId }).whereNull("deleted_at").limit(1)
    )
    return rows[0]?.session_id ?? null
  }

  /**
   * Rolls up what arrived since the last run: the days those events (and their sessions)
   * touch, within the late window, are recomputed whole at hour and day grain, and their
   * months' cohorts. Serialised by an advisory lock; running it again changes nothing.
   */
  @InjectTransactionManager()
  async rollupSinceWatermark(now: Date = new Date(), @MedusaContext() sharedContext: Ctx = {}): Promise<RollupResult> {
    const manager = sharedContext.transactionManager!
    await manager.execute("SELECT pg_advisory_xact_lock(hashtext('keel_analytics_rollup'))")
    const knex = manager.getKnex()
    const [cursor] = await manager.execute<{ position: Date }[]>(knex("keel_analytics_cursor").select("position").where({ name: ROLLUP_CURSOR }))
    const windowStart = new Date(Math.floor((now.getTime() - this.options_.lateWindowHours * HOUR_MS) / DAY_MS) * DAY_MS)
    let days: Date[]
    if (cursor) {
      const since = new Date(new Date(cursor.position).getTime() - COMMIT_SLACK_MS)
      const touched: { day: Date }[] = await manager.execute(TOUCHED_DAYS, [since, windowStart])
      days = touched.map((t) => new Date(t.day))
    } else {
      // The first run: every day of the late window (older days are a backfill's job).
      days = []
      for (let t = windowStart.getTime(); t <= now.getTime(); t += DAY_MS) days.push(new Date(t))
    }
    await this.recomputeDays_(manager, days)
    // Under the lock: update the cursor, or make it on the first run.
    const ts = new Date()
    const moved: unknown[] = await manager.execute(
      knex("keel_analytics_cursor").update({ position: now, updated_at: ts }).where({ name: ROLLUP_CURSOR }).whereNull("deleted_at").returning("id")
    )
    if (!moved.length) {
      await manager.execute(knex("keel_analytics_cursor").insert({ id: newId("acu"), name: ROLLUP_CURSOR, position: now, created_at: ts, updated_at: ts }))
    }
    return { days: days.map((d) => d.toISOString()), watermark: now }
  }

  /** Recomputes these days (any date inside each day will do), whatever the watermark: a backfill. */
  @InjectTransactionManager()
  async recomputeDays(days: Date[], @MedusaContext() sharedContext: Ctx = {}): Promise<void> {
    const manager = sharedContext.transactionManager!
    await manager.execute("SELECT pg_advisory_xact_lock(hashtext('keel_analytics_rollup'))")
    await this.recomputeDays_(manager, days)
  }

  protected async recomputeDays_(manager: EntityManager, dates: Date[]) {
    const knex = manager.getKnex()
    const days = [...new Set(dates.map((d) => Math.floor(d.getTime() / DAY_MS) * DAY_MS))].sort()
    const months = new Set<number>()
    for (const startMs of days) {
      const start = new Date(startMs)
      const end = new Date(startMs + DAY_MS)
      await manager.execute(knex("keel_analytics_rollup").whereIn("grain", ["hour", "day"]).where("bucket", ">=", start).where("bucket", "<", end).delete())
      await manager.execute(SESSIONS_OF_RANGE, [start, end, start, end])
      for (const grain of ["hour", "day"]) {
        await manager.execute(SESSION_ROLLUP, [grain, grain])
        await manager.execute(EVENT_ROLLUP, [grain, grain, start, end])
      }
      await manager.execute("DROP TABLE keel_rollup_sessions")
      months.add(Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), 1))
    }
    for (const monthMs of months) {
      const start = new Date(monthMs)
      const end = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1))
      await manager.execute(knex("keel_analytics_rollup").where({ grain: "month", metric: "cohort_customers" }).where("bucket", ">=", start).where("bucket", "<", end).delete())
      await manager.execute(COHORT_ROLLUP, [start, end])
    }
  }

  /**
   * Rollup rows of one grain in [from, to) summed in the database: per metric and key, and per
   * bucket too when `byBucket` (else each row's bucket is `from`). Only these metrics.
   */
  @InjectManager()
  async sumRollups(
    grain: "hour" | "day" | "month",
    from: Date,
    to: Date,
    options: { metrics: string[]; byBucket?: boolean },
    @MedusaContext() sharedContext: Ctx = {}
  ): Promise<RollupRow[]> {
    const manager = sharedContext.manager!
    const knex = manager.getKnex()
    const query = knex("keel_analytics_rollup")
      .select("metric", "key", knex.raw("sum(value)::float8 AS value"))
      .where({ grain })
      .where("bucket", ">=", from)
      .where("bucket", "<", to)
      .whereIn("metric", options.metrics)
      .whereNull("deleted_at")
      .groupBy("metric", "key")
    if (options.byBucket) query.select("bucket").groupBy("bucket")
    const rows: { bucket?: Date; metric: string; key: string; value: number }[] = await manager.execute(query)
    return rows.map((r) => ({ grain, bucket: r.bucket ? new Date(r.bucket) : from, metric: r.metric, key: r.key, value: Number(r.value) }))
  }

  /**
   * The `limit` keys with the largest sums of `metrics[0]` (then of the next metrics, then by
   * key) in [from, to), with their sums of every metric given, as rollup rows.
   */
  @InjectManager()
  async topKeys(
    grain: "hour" | "day" | "month",
    from: Date,
    to: Date,
    metrics: string[],
    limit: number,
    @MedusaContext() sharedContext: Ctx = {}
  ): Promise<RollupRow[]> {
    const manager = sharedContext.manager!
    const knex = manager.getKnex()
    const sums = metrics.map((m, i) => knex.raw("coalesce(sum(value) FILTER (WHERE metric = ?), 0)::float8 AS ??", [m, `m${i}`]))
    const rows: Record<string, unknown>[] = await manager.execute(
      knex("keel_analytics_rollup")
        .select("key", ...sums)
        .where({ grain })
        .where("bucket", ">=", from)
        .where("bucket", "<", to)
        .whereIn("metric", metrics)
        .whereNot("key", "")
        .whereNull("deleted_at")
        .groupBy("key")
        .orderBy([...metrics.map((_, i) => ({ column: `m${i}`, order: "desc" as const })), { column: "key", order: "asc" as const }])
        .limit(limit)
    )
    return rows.flatMap((r) => metrics.map((metric, i) => ({ grain, bucket: from, metric, key: r.key as string, value: Number(r[`m${i}`]) })))
  }

  /** Aggregates of one grain in [from, to), optionally only some metrics. */
  @InjectManager()
  async readRollups(
    grain: "hour" | "day" | "month",
    from: Date,
    to: Date,
    metrics?: string[],
    @MedusaContext() sharedContext: Ctx = {}
  ): Promise<RollupRow[]> {
    const manager = sharedContext.manager!
    const query = manager
      .getKnex()("keel_analytics_rollup")
      .select("grain", "bucket", "metric", "key", manager.getKnex().raw("value::float8 as value"))
      .where({ grain })
      .where("bucket", ">=", from)
      .where("bucket", "<", to)
      .whereNull("deleted_at")
    if (metrics?.length) query.whereIn("metric", metrics)
    const rows: RollupRow[] = await manager.execute(query)
    return rows.map((r) => ({ ...r, bucket: new Date(r.bucket), value: Number(r.value) }))
  }

  /**
   * One database load sample: transactions and block reads/hits since the previous sample
   * (pg_stat_database), connections now (pg_stat_activity), and the catalog cache's hits and
   * misses counted by this process since its last sample. The first sample only records the
   * counters. Counters that went backwards (a statistics reset) start over.
   */
  @InjectManager()
  async sampleDatabase(
    input: { pool_max: number | null; cache_hits: number; cache_misses: number; now?: Date },
    @MedusaContext() sharedContext: Ctx = {}
  ): Promise<{ tps: number } | null> {
    const manager = sharedContext.manager!
    const knex = manager.getKnex()
    const now = input.now ?? new Date()
    const [stats] = await manager.execute<{ xact: string; blks_read: string; blks_hit: string }[]>(
      "SELECT (xact_commit + xact_rollback)::text AS xact, blks_read::text AS blks_read, blks_hit::text AS blks_hit FROM pg_stat_database WHERE datname = current_database()"
    )
    const [conns] = await manager.execute<{ active: number; total: number; max: number }[]>(
      "SELECT count(*) FILTER (WHERE state = 'active')::int AS active, count(*)::int AS total, current_setting('max_connections')::int AS max FROM pg_stat_activity WHERE datname = current_database()"
    )
    const [last] = await manager.execute<{ sampled_at: Date; xact_total: string; blks_read_total: string; blks_hit_total: string }[]>(
      knex("keel_analytics_db_sample")
        .select("sampled_at", "xact_total", "blks_read_total", "blks_hit_total")
        .where("sampled_at", "<", now)
        .whereNull("deleted_at")
        .orderBy("sampled_at", "desc")
        .limit(1)
    )
    const delta = (a: string, b: string | undefined) => (b === undefined || Number(a) < Number(b) ? 0 : Number(a) - Number(b))
    const seconds = last ? (now.getTime() - new Date(last.sampled_at).getTime()) / 1000 : 0
    const transactions = last ? delta(stats.xact, last.xact_total) : 0
    const tps = last ? transactions / seconds : 0
    const big = (n: number | string) => ({ value: String(n), precision: 20 })
    await manager.execute(
      knex("keel_analytics_db_sample").insert({
        id: newId("ads"),
        sampled_at: now,
        interval_seconds: seconds,
        transactions,
        raw_transactions: big(transactions),
        tps,
        active_connections: conns.active,
        total_connections: conns.total,
        max_connections: conns.max,
        pool_max: input.pool_max,
        blks_read: delta(stats.blks_read, last?.blks_read_total),
        raw_blks_read: big(delta(stats.blks_read, last?.blks_read_total)),
        blks_hit: delta(stats.blks_hit, last?.blks_hit_total),
        raw_blks_hit: big(delta(stats.blks_hit, last?.blks_hit_total)),
        xact_total: stats.xact,
        raw_xact_total: big(stats.xact),
        blks_read_total: stats.blks_read,
        raw_blks_read_total: big(stats.blks_read),
        blks_hit_total: stats.blks_hit,
        raw_blks_hit_total: big(stats.blks_hit),
        cache_hits: input.cache_hits,
        cache_misses: input.cache_misses,
        created_at: now,
        updated_at: now,
      })
    )
    return last ? { tps } : null
  }

  /** Database samples taken in [from, to), oldest first. */
  @InjectManager()
  async readDbSamples(from: Date, to: Date, @MedusaContext() sharedContext: Ctx = {}) {
    const manager = sharedContext.manager!
    const knex = manager.getKnex()
    const rows: Record<string, unknown>[] = await manager.execute(
      knex("keel_analytics_db_sample")
        .select(
          "sampled_at",
          "tps",
          "active_connections",
          "total_connections",
          "max_connections",
          "pool_max",
          knex.raw("blks_read::float8 AS blks_read"),
          knex.raw("blks_hit::float8 AS blks_hit"),
          "cache_hits",
          "cache_misses"
        )
        .where("sampled_at", ">=", from)
        .where("sampled_at", "<", to)
        .whereNull("deleted_at")
        .orderBy("sampled_at")
    )
    return rows.map((r) => ({
      sampled_at: new Date(r.sampled_at as string),
      tps: Number(r.tps),
      active_connections: Number(r.active_connections),
      total_connections: Number(r.total_connections),
      max_connections: Number(r.max_connections),
      pool_max: r.pool_max === null ? null : Number(r.pool_max),
      blks_read: Number(r.blks_read),
      blks_hit: Number(r.blks_hit),
      cache_hits: Number(r.cache_hits),
      cache_misses: Number(r.cache_misses),
    }))
  }

  /** When the rollup last ran (its watermark), or null. */
  @InjectManager()
  async rolledUpAt(@MedusaContext() sharedContext: Ctx = {}): Promise<Date | null> {
    const manager = sharedContext.manager!
    const [row] = await manager.execute<{ position: Date }[]>(manager.getKnex()("keel_analytics_cursor").select("position").where({ name: ROLLUP_CURSOR }))
    return row ? new Date(row.position) : null
  }
}

export default AnalyticsModuleService
