import { model } from "@medusajs/framework/utils"
import { Review } from "./review"

/** The merchant's public answer to a review (one per review: replying again replaces it). */
export const ReviewReply = model.define("keel_review_reply", {
  id: model.id({ prefix: "revrep" }).primaryKey(),
  content: model.text(),
  /** The admin user who wrote it. */
  author_id: model.text().nullable(),
  review: model.belongsTo(() => Review, { mappedBy: "replies" }),
})
