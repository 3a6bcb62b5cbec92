import { configManager } from "@medusajs/framework/config"
import { defineSearchIndex, graphConsume, graphSeed, search } from "@medusajs/framework/utils"
import { configuredOptions } from "../lib/options"

/**
 * The storefront's product index, opened on POST /store/search (src/api/middlewares.ts). Medusa
 * imports every file in a plugin's `search/` folder at boot, before the app is built.
 *
 * Searchable: title, subtitle, description, handle, variant titles and SKUs, tags, type,
 * collection and category names, option values. Facets: category, collection, tags, type
 * and a price range per currency (`price_<currency>`, the lowest variant price).
 * `status` and `sales_channel_ids` are what Medusa's store route filters on, so drafts and
 * products outside the publishable key's channels never appear.
 */

/** Currencies with a price field (price_eur, price_usd, ...): the plugin's `currencies` option. */
export const SEARCH_CURRENCIES = configuredOptions(configManager.config).currencies

const priceFields = Object.fromEntries(
  SEARCH_CURRENCIES.map((code) => [
    `price_${code}`,
    search.float().filterable().sortable().facetable({ types: ["range", "stats"] }),
  ])
)

const fields = search.define({
  id: search.keyword().filterable(),
  title: search.text().searchable({ weight: 3 }).sortable(),
  subtitle: search.text().searchable({ weight: 2 }),
  description: search.text().searchable({ weight: 1 }),
  handle: search.keyword().searchable({ weight: 2 }).filterable(),
  thumbnail: search.keyword(),
  status: search.keyword().filterable(),
  sales_channel_ids: search.keyword().array().filterable(),
  skus: search.keyword().array().searchable({ weight: 3 }).filterable(),
  variant_titles: search.text().array().searchable({ weight: 1 }),
  option_values: search.keyword().array().searchable({ weight: 1 }).filterable(),
  tags: search.keyword().array().searchable({ weight: 2 }).filterable().facetable(),
  type: search.keyword().searchable({ weight: 2 }).filterable().facetable(),
  collection: search.keyword().searchable({ weight: 2 }).filterable().facetable(),
  collection_id: search.keyword().filterable(),
  categories: search.keyword().array().searchable({ weight: 2 }).filterable().facetable(),
  category_ids: search.keyword().array().filterable(),
  created_at: search.date().filterable().sortable(),
  ...priceFields,
})

const GRAPH_FIELDS = [
  "id",
  "title",
  "subtitle",
  "description",
  "handle",
  "thumbnail",
  "status",
  "created_at",
  "sales_channels.id",
  "variants.title",
  "variants.sku",
  "variants.options.value",
  "variants.prices.amount",
  "variants.prices.currency_code",
  "variants.prices.price_list_id",
  "variants.prices.rules_count",
  "tags.value",
  "type.value",
  "collection.id",
  "collection.title",
  "categories.id",
  "categories.name",
]

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- rows of query.graph
type ProductRow = Record<string, any>

/** Lowest base price per currency: prices without rules and outside price lists. */
function lowestPrices(row: ProductRow) {
  const lowest: Record<string, number> = {}
  for (const variant of row.variants ?? []) {
    for (const price of variant?.prices ?? []) {
      if (!price || price.price_list_id || Number(price.rules_count ?? 0) > 0) {
        continue
      }
      const code = String(price.currency_code).toLowerCase()
      const amount = Number(price.amount)
      if (SEARCH_CURRENCIES.includes(code) && (lowest[code] === undefined || amount < lowest[code])) {
        lowest[code] = amount
      }
    }
  }
  return Object.fromEntries(Object.entries(lowest).map(([code, amount]) => [`price_${code}`, amount]))
}

/** The non-empty strings of a list read from the graph. */
const present = (values: unknown[]): string[] =>
  values.filter((v): v is string => typeof v === "string" && v !== "")

export function toSearchDocument(row: ProductRow) {
  const variants: ProductRow[] = (row.variants ?? []).filter(Boolean)
  return {
    id: row.id,
    title: row.title,
    subtitle: row.subtitle ?? undefined,
    description: row.description ?? undefined,
    handle: row.handle,
    thumbnail: row.thumbnail ?? undefined,
    status: row.status,
    sales_channel_ids: present((row.sales_channels ?? []).map((c: ProductRow) => c?.id)),
    skus: present(variants.map((v) => v.sku)),
    variant_titles: present(variants.map((v) => v.title)),
    option_values: [...new Set(present(variants.flatMap((v) => (v.options ?? []).map((o: ProductRow) => o?.value))))],
    tags: present((row.tags ?? []).map((t: ProductRow) => t?.value)),
    type: row.type?.value ?? undefined,
    collection: row.collection?.title ?? undefined,
    collection_id: row.collection?.id ?? undefined,
    categories: present((row.categories ?? []).map((c: ProductRow) => c?.name)),
    category_ids: present((row.categories ?? []).map((c: ProductRow) => c?.id)),
    created_at: row.created_at,
    ...lowestPrices(row),
  }
}

const transform = (rows: ProductRow[]) => rows.map(toSearchDocument)

/** The index's parts without name and provider (src/search/product-stock.ts reuses them). */
export const productIndexParts = {
  entity: "product",
  fields,
  settings: { typo_tolerance: { enabled: true } },
  seed: graphSeed({ fields: GRAPH_FIELDS, transform }),
  events: [
    "product.created",
    "product.updated",
    "product.deleted",
    "product-variant.created",
    "product-variant.updated",
    "product-category.updated",
    "product-collection.updated",
  ],
  consume: graphConsume({
    fields: GRAPH_FIELDS,
    transform,
    // A variant or a category event concerns the products it belongs to.
    resolve_ids: async (event, { container }) => {
      const data = event.data as { id?: string | string[] }
      const ids = present(Array.isArray(data?.id) ? data.id : [data?.id])
      if (event.name.startsWith("product.") || !ids.length) {
        return ids
      }
      const entity = event.name.startsWith("product-variant.")
        ? "product_variant"
        : event.name.startsWith("product-category.")
          ? "product_category"
          : "product_collection"
      const field = entity === "product_variant" ? "product_id" : "products.id"
      const { data: rows } = await container.query.graph({ entity, fields: [field], filters: { id: ids } })
      return present(
        rows.flatMap((row: ProductRow) => (entity === "product_variant" ? [row.product_id] : (row.products ?? []).map((p: ProductRow) => p?.id)))
      )
    },
    // Only the product's own deletion removes it; a variant's deletion updates it.
    is_delete: (event) => event.name === "product.deleted",
  }),
} satisfies Omit<Parameters<typeof defineSearchIndex>[0], "name">

// No provider named: the index lives on the Search Module's `default_provider` (the app's
// medusa-config.ts: keel-postgres, or keel-meilisearch); a change of provider builds a new index
// version there and swaps it in once seeded.
export default defineSearchIndex({ ...productIndexParts, name: "product" })
