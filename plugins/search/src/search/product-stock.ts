import { configManager } from "@medusajs/framework/config"
import { defineSearchIndex } from "@medusajs/framework/utils"
import { configuredOptions } from "../lib/options"
import { productIndexParts } from "./product"

/**
 * With the plugin's `stockIndex` option (bench/search): the product index again, on Medusa's
 * stock search-postgres provider, so one run can compare it with Keel's provider on the
 * same data and the same POST /store/search.
 */
if (configuredOptions(configManager.config).stockIndex) {
  defineSearchIndex({ ...productIndexParts, name: "product_stock", provider: "search-postgres" })
}
