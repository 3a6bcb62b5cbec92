import { model } from "@medusajs/framework/utils"
import { Review } from "./review"

/** A photo with a review, stored through Medusa's File Module (its url and file id). */
export const ReviewMedia = model.define("keel_review_media", {
  id: model.id({ prefix: "revmed" }).primaryKey(),
  url: model.text(),
  file_id: model.text().nullable(),
  review: model.belongsTo(() => Review, { mappedBy: "media" }),
})
