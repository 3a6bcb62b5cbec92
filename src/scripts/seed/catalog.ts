import fs from "fs"
import path from "path"
import { MedusaError } from "@medusajs/framework/utils"

/** The shape of data/catalog.json: Keel's own seed catalog. */
export type CatalogVariant = {
  sku: string
  title: string
  options: Record<string, string>
  /** Prices in major units per currency code, e.g. { eur: 89, usd: 95 }. */
  prices: Record<string, number>
  stock: number
  allow_backorder: boolean
}

export type CatalogProduct = {
  handle: string
  title: string
  subtitle?: string | null
  description: string
  category: string
  collection: string | null
  material?: string | null
  weight: number
  image: string
  options: { title: string; values: string[] }[]
  variants: CatalogVariant[]
}

export type Catalog = {
  categories: { handle: string; name: string; description?: string }[]
  collections: { handle: string; title: string }[]
  products: CatalogProduct[]
}

export const DEFAULT_DATA_DIR = path.resolve(process.cwd(), "data")

/**
 * Reads the catalog and checks the references a typo would break silently
 * (category, collection, image file, option values), so a bad edit to the data
 * fails the seed with a message instead of producing a half-seeded shop.
 */
export function loadCatalog(dataDir = DEFAULT_DATA_DIR): Catalog {
  const file = path.join(dataDir, "catalog.json")
  const catalog = JSON.parse(fs.readFileSync(file, "utf8")) as Catalog
  const categories = new Set(catalog.categories.map((c) => c.handle))
  const collections = new Set(catalog.collections.map((c) => c.handle))
  const skus = new Set<string>()
  const problems: string[] = []

  for (const product of catalog.products) {
    const where = `product "${product.handle}"`
    if (!categories.has(product.category)) {
      problems.push(`${where}: unknown category "${product.category}"`)
    }
    if (product.collection && !collections.has(product.collection)) {
      problems.push(`${where}: unknown collection "${product.collection}"`)
    }
    if (!fs.existsSync(path.join(dataDir, product.image))) {
      problems.push(`${where}: image ${product.image} is missing`)
    }
    for (const variant of product.variants) {
      if (skus.has(variant.sku)) {
        problems.push(`${where}: duplicate SKU ${variant.sku}`)
      }
      skus.add(variant.sku)
      for (const option of product.options) {
        if (!option.values.includes(variant.options[option.title])) {
          problems.push(`${where}: variant ${variant.sku} has no valid "${option.title}"`)
        }
      }
    }
  }

  if (problems.length) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `${file} is invalid:\n${problems.join("\n")}`
    )
  }
  return catalog
}
