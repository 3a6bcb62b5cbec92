import path from "path"
import { SingleBar, Presets } from "cli-progress"
import type { ExecArgs, LinkDefinition } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError, Modules, ProductStatus } from "@medusajs/framework/utils"

/**
 * bench/search: adds the bench catalog (bench/search/catalog.mjs) to a seeded shop, then
 * rebuilds the search indexes. BENCH_PRODUCTS sets the size (default 100,000); products
 * already there (by handle) are skipped, so an interrupted run can be continued.
 * Run by bench/search/run.mjs: `npx medusa exec ./bench/search/generate.ts`.
 */
const BATCH = 500

type BenchProduct = {
  template: { category: string; collection: string | null; options: { title: string; values: string[] }[]; subtitle?: string | null }
  title: string
  handle: string
  description: string
  variants: { title: string; sku: string; options: Record<string, string>; prices: Record<string, number> }[]
}

export default async function generate({ container }: ExecArgs) {
  const count = Number(process.env.BENCH_PRODUCTS || 100_000)
  const catalogFile = path.join(process.cwd(), "bench", "search", "catalog.mjs")
  const { benchCatalog } = (await import(catalogFile)) as { benchCatalog: (n: number) => BenchProduct[] }
  const products = benchCatalog(count)
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const ids = async (entity: string, key: string) => {
    const { data } = await query.graph({ entity, fields: ["id", key] })
    return Object.fromEntries(data.map((row: Record<string, string>) => [row[key], row.id]))
  }
  const categories = await ids("product_category", "handle")
  const collections = await ids("product_collection", "handle")
  const { data: channels } = await query.graph({ entity: "sales_channel", fields: ["id"], filters: { name: "Keel Web Store" } })
  const [profile] = await container.resolve(Modules.FULFILLMENT).listShippingProfiles({}, { take: 1 })
  if (!channels[0] || !profile) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, "Seed the shop first (npm run seed)")
  }

  const productModule = container.resolve(Modules.PRODUCT)
  const existing = new Set(
    (await productModule.listProducts({ handle: { $like: "%-%" } }, { select: ["handle"], take: null })).map((p) => p.handle)
  )
  const missing = products.filter((p) => !existing.has(p.handle))
  const bar = new SingleBar({ format: "Bench products [{bar}] {value}/{total} {eta_formatted}" }, Presets.shades_classic)
  bar.start(products.length, products.length - missing.length)
  // Module services and links directly (what createProductsWorkflow does, without its
  // per-product steps and inventory): about 10x faster, which matters at 100k products.
  const pricing = container.resolve(Modules.PRICING)
  const link = container.resolve(ContainerRegistrationKeys.LINK)
  for (let i = 0; i < missing.length; i += BATCH) {
    const batch = missing.slice(i, i + BATCH)
    const created = await productModule.createProducts(
      batch.map((p) => ({
        title: p.title,
        subtitle: p.template.subtitle ?? undefined,
        handle: p.handle,
        description: p.description,
        status: ProductStatus.PUBLISHED,
        category_ids: [categories[p.template.category]],
        collection_id: p.template.collection ? collections[p.template.collection] : undefined,
        options: p.template.options,
        variants: p.variants.map((v) => ({ title: v.title, sku: v.sku, options: v.options, manage_inventory: false })),
      }))
    )
    const variants = created.flatMap((product) => product.variants ?? [])
    const priceBySku = new Map(batch.flatMap((p) => p.variants.map((v) => [v.sku, v.prices] as const)))
    const priceSets = await pricing.createPriceSets(
      variants.map((v) => ({
        prices: Object.entries(priceBySku.get(v.sku!) ?? {}).map(([currency_code, amount]) => ({ currency_code, amount })),
      }))
    )
    const links = [
      ...variants.map((v, k) => ({
        [Modules.PRODUCT]: { variant_id: v.id },
        [Modules.PRICING]: { price_set_id: priceSets[k].id },
      })),
      ...created.flatMap((product) => [
        { [Modules.PRODUCT]: { product_id: product.id }, [Modules.SALES_CHANNEL]: { sales_channel_id: channels[0].id } },
        { [Modules.PRODUCT]: { product_id: product.id }, [Modules.FULFILLMENT]: { shipping_profile_id: profile.id } },
      ]),
    ] as LinkDefinition[]
    await link.create(links)
    bar.increment(batch.length)
  }
  bar.stop()

  // A full rebuild of every index (Keel's and, with KEEL_SEARCH_STOCK_INDEX, the stock one).
  const started = Date.now()
  await container.resolve(Modules.SEARCH).reindex({})
  console.log(`Indexed in ${((Date.now() - started) / 1000).toFixed(0)} s`)
  // Fresh statistics for every table (autovacuum may be off, as on our machines), so each
  // target runs with the plans a maintained database gives it.
  await container.resolve(ContainerRegistrationKeys.PG_CONNECTION).raw("ANALYZE")
}
