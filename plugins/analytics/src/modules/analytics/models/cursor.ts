import { model } from "@medusajs/framework/utils"

/** How far a job got: the rollup's watermark (events received up to `position` are rolled up). */
export const AnalyticsCursor = model
  .define("keel_analytics_cursor", {
    id: model.id({ prefix: "acu" }).primaryKey(),
    name: model.text(),
    position: model.dateTime(),
  })
  .indexes([{ on: ["name"], unique: true }])
