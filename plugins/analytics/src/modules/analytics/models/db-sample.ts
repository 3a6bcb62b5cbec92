import { model } from "@medusajs/framework/utils"

/**
 * The database's load over one sampling interval (pg_stat_database, pg_stat_activity) and
 * the catalog cache's hits and misses counted by this process over the same time.
 */
export const AnalyticsDbSample = model
  .define("keel_analytics_db_sample", {
    id: model.id({ prefix: "ads" }).primaryKey(),
    sampled_at: model.dateTime(),
    interval_seconds: model.float(),
    transactions: model.bigNumber(),
    tps: model.float(),
    active_connections: model.number(),
    total_connections: model.number(),
    max_connections: model.number(),
    pool_max: model.number().nullable(),
    blks_read: model.bigNumber(),
    blks_hit: model.bigNumber(),
    xact_total: model.bigNumber(),
    blks_read_total: model.bigNumber(),
    blks_hit_total: model.bigNumber(),
    cache_hits: model.number().default(0),
    cache_misses: model.number().default(0),
  })
  .indexes([{ on: ["sampled_at"] }])
