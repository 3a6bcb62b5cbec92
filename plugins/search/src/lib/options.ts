import type { ConfigModule } from "@medusajs/framework/types"
import { MedusaError } from "@medusajs/framework/utils"

/** The package's name, under which an app registers it in `medusa-config.ts`'s `plugins`. */
export const PLUGIN_NAME = "@keel/search"

/** The plugin's options (medusa-config: `plugins: [{ resolve: "@keel/search", options }]`). */
export type SearchPluginOptions = {
  /**
   * Currencies with a price field on the product index (`price_eur`, `price_usd`, …: the lowest
   * base price of the product's variants, filterable, sortable and a range facet). Default eur, usd.
   */
  currencies?: string[]
  /**
   * Also define `product_stock`, the same product index on Medusa's stock search-postgres provider
   * (registered by the app as provider `search-postgres`), and open it on POST /store/search, so
   * bench/search can compare both providers on the same data (default false).
   */
  stockIndex?: boolean
}

export type ResolvedSearchOptions = {
  currencies: string[]
  stockIndex: boolean
  /** The indexes POST /store/search opens: `product`, and `product_stock` with `stockIndex`. */
  storeIndexes: string[]
}

const CURRENCY = /^[a-z]{3}$/

function invalid(message: string): never {
  throw new MedusaError(MedusaError.Types.INVALID_ARGUMENT, `@keel/search: ${message}`)
}

export function resolveOptions(options: SearchPluginOptions = {}): ResolvedSearchOptions {
  const given: unknown = options.currencies ?? ["eur", "usd"]
  const currencies = Array.isArray(given) ? given.map((code) => (typeof code === "string" ? code.trim().toLowerCase() : code)) : []
  if (!Array.isArray(given) || currencies.some((code) => typeof code !== "string" || !CURRENCY.test(code))) {
    invalid(`"currencies" must be a list of three-letter currency codes, got ${JSON.stringify(options.currencies)}`)
  }
  if (options.stockIndex !== undefined && typeof options.stockIndex !== "boolean") {
    invalid(`"stockIndex" must be true or false, got ${JSON.stringify(options.stockIndex)}`)
  }
  const stockIndex = options.stockIndex ?? false
  return {
    currencies: [...new Set(currencies as string[])],
    stockIndex,
    storeIndexes: stockIndex ? ["product", "product_stock"] : ["product"],
  }
}

/**
 * The options the app gave this plugin, read from its loaded config. Medusa imports the index
 * definitions (`src/search`) and the middlewares before any module is built, with no options of
 * their own: they read the plugin's entry in `plugins` here, so every part of the plugin sees the
 * same options the keel-search module is built with.
 */
export function configuredOptions(config: ConfigModule): ResolvedSearchOptions {
  const entry = (config.plugins ?? []).find((plugin) => (typeof plugin === "string" ? plugin : plugin.resolve) === PLUGIN_NAME)
  return resolveOptions(typeof entry === "object" ? (entry.options as SearchPluginOptions | undefined) : undefined)
}
