import { model } from "@medusajs/framework/utils"

/**
 * An aggregate the dashboards read: one metric (optionally per key: a currency, a product, a
 * query, a cohort month) for one hour, day or month. Recomputed whole from the events, so
 * running a window again gives the same numbers.
 */
export const AnalyticsRollup = model
  .define("keel_analytics_rollup", {
    id: model.id({ prefix: "arl" }).primaryKey(),
    grain: model.enum(["hour", "day", "month"]),
    bucket: model.dateTime(),
    metric: model.text(),
    key: model.text().default(""),
    value: model.bigNumber(),
  })
  .indexes([{ on: ["grain", "metric", "bucket", "key"], unique: true }])
