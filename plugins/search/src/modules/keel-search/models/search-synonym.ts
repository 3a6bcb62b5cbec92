import { model } from "@medusajs/framework/utils"

/** Words a shopper may use for the same thing ("tee", "t-shirt", "top"): each finds the others. */
export const SearchSynonym = model.define("keel_search_synonym", {
  id: model.id({ prefix: "ssyn" }).primaryKey(),
  terms: model.array(),
})
