import { defineSearchIndex } from "@medusajs/framework/utils"
import { productIndexParts } from "./product"

/**
 * bench/search only (KEEL_SEARCH_STOCK_INDEX=true): the product index again, on Medusa's
 * stock search-postgres provider, so one run can compare it with Keel's provider on the
 * same data and the same POST /store/search.
 */
if (process.env.KEEL_SEARCH_STOCK_INDEX === "true") {
  defineSearchIndex({ ...productIndexParts, name: "product_stock", provider: "search-postgres" })
}
