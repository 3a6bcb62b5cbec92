import { model } from "@medusajs/framework/utils"

/**
 * A product's approved reviews in numbers, kept current in the transaction that changes them:
 * count, sum and average of ratings, how many of each star, and the Bayesian average used to
 * rank products (few reviews pull towards the prior, many towards their own average).
 */
export const ReviewSummary = model
  .define("keel_review_summary", {
    id: model.id({ prefix: "revsum" }).primaryKey(),
    product_id: model.text(),
    count: model.number().default(0),
    rating_sum: model.number().default(0),
    average: model.float().default(0),
    bayesian_average: model.float().default(0),
    rating_1: model.number().default(0),
    rating_2: model.number().default(0),
    rating_3: model.number().default(0),
    rating_4: model.number().default(0),
    rating_5: model.number().default(0),
  })
  .indexes([{ on: ["product_id"], unique: true, where: "deleted_at IS NULL" }, { on: ["bayesian_average"] }])
