import { model } from "@medusajs/framework/utils"
import { Review } from "./review"

/** A customer's "was this helpful?" answer: one per customer per review, replaced when changed. */
export const ReviewVote = model
  .define("keel_review_vote", {
    id: model.id({ prefix: "revvote" }).primaryKey(),
    customer_id: model.text(),
    helpful: model.boolean(),
    review: model.belongsTo(() => Review, { mappedBy: "votes" }),
  })
  .indexes([{ on: ["review_id", "customer_id"], unique: true, where: "deleted_at IS NULL" }])
