import { model } from "@medusajs/framework/utils"

/**
 * One store search: the normalised query, how many products it found, the locale and an
 * anonymous session id. No customer id, email or IP address is kept.
 */
export const SearchQuery = model
  .define("keel_search_query", {
    id: model.id({ prefix: "sq" }).primaryKey(),
    query: model.text(),
    index_name: model.text(),
    hit_count: model.number(),
    corrected_query: model.text().nullable(),
    locale: model.text().nullable(),
    session_id: model.text().nullable(),
  })
  .indexes([{ on: ["created_at"] }, { on: ["query"] }])
