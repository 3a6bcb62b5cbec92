import fs from "fs"
import os from "os"
import path from "path"
import { MedusaError } from "@medusajs/framework/utils"
import { loadCatalog } from "../catalog"

function writeCatalog(catalog: unknown, images: string[] = []) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "keel-catalog-"))
  fs.mkdirSync(path.join(dir, "images"))
  for (const image of images) {
    fs.writeFileSync(path.join(dir, "images", image), "png")
  }
  fs.writeFileSync(path.join(dir, "catalog.json"), JSON.stringify(catalog))
  return dir
}

const variant = (sku: string, size: string) => ({
  sku,
  title: size,
  options: { Size: size },
  prices: { eur: 10, usd: 11 },
  stock: 1,
  allow_backorder: false,
})

const product = {
  handle: "deck-tee",
  title: "Deck Tee",
  description: "A tee.",
  category: "apparel",
  collection: "summer",
  weight: 200,
  image: "images/deck-tee.png",
  options: [{ title: "Size", values: ["S", "M"] }],
  variants: [variant("KEEL-DT-S", "S"), variant("KEEL-DT-M", "M")],
}

describe("loadCatalog", () => {
  it("loads the catalog Keel ships", () => {
    const catalog = loadCatalog()
    expect(catalog.products.length).toBeGreaterThanOrEqual(60)
  })

  it("accepts a consistent catalog", () => {
    const dir = writeCatalog(
      { categories: [{ handle: "apparel", name: "Apparel" }], collections: [{ handle: "summer", title: "Summer" }], products: [product] },
      ["deck-tee.png"]
    )
    expect(loadCatalog(dir).products[0].handle).toBe("deck-tee")
  })

  it("names every broken reference instead of seeding half a shop", () => {
    const broken = {
      ...product,
      category: "shoes",
      collection: "winter",
      variants: [variant("KEEL-DT-S", "S"), variant("KEEL-DT-S", "XL")],
    }
    const dir = writeCatalog({ categories: [{ handle: "apparel", name: "Apparel" }], collections: [], products: [broken] })
    let error: MedusaError | undefined
    try {
      loadCatalog(dir)
    } catch (e) {
      error = e as MedusaError
    }
    expect(error).toBeInstanceOf(MedusaError)
    expect(error!.type).toBe(MedusaError.Types.INVALID_DATA)
    expect(error!.message).toContain('unknown category "shoes"')
    expect(error!.message).toContain('unknown collection "winter"')
    expect(error!.message).toContain("image images/deck-tee.png is missing")
    expect(error!.message).toContain("duplicate SKU KEEL-DT-S")
    expect(error!.message).toContain('variant KEEL-DT-S has no valid "Size"')
  })
})
