import { model } from "@medusajs/framework/utils"

/** A word the search ignores in queries ("the", "for", a brand every product shares). */
export const SearchStopWord = model
  .define("keel_search_stop_word", {
    id: model.id({ prefix: "sstop" }).primaryKey(),
    word: model.text(),
  })
  .indexes([{ on: ["word"], unique: true, where: "deleted_at IS NULL" }])
