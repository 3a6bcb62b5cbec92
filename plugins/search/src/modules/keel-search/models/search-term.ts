import { model } from "@medusajs/framework/utils"

/**
 * The vocabulary of a physical search index: every word its documents contain. Query words
 * are corrected against it through a trigram index (see the migration), the way dedicated
 * search engines keep a word dictionary, instead of comparing the query with every document.
 */
export const SearchTerm = model
  .define("keel_search_term", {
    id: model.id({ prefix: "sterm" }).primaryKey(),
    index_name: model.text(),
    term: model.text(),
  })
  .indexes([{ on: ["index_name", "term"], unique: true }])
