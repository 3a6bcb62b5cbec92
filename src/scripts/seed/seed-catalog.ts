import fs from "fs"
import path from "path"
import { SingleBar, Presets } from "cli-progress"
import {
  createApiKeysWorkflow,
  createCollectionsWorkflow,
  createInventoryLevelsWorkflow,
  createLocationFulfillmentSetWorkflow,
  createProductCategoriesWorkflow,
  createProductsWorkflow,
  createRegionsWorkflow,
  createSalesChannelsWorkflow,
  createServiceZonesWorkflow,
  createShippingOptionsWorkflow,
  createShippingProfilesWorkflow,
  createStockLocationsWorkflow,
  createTaxRegionsWorkflow,
  linkSalesChannelsToApiKeyWorkflow,
  linkSalesChannelsToStockLocationWorkflow,
  updateApiKeysWorkflow,
  updateSalesChannelsWorkflow,
  updateStoresWorkflow,
  uploadFilesWorkflow,
} from "@medusajs/medusa/core-flows"
import type { Logger, MedusaContainer } from "@medusajs/framework/types"
import {
  ContainerRegistrationKeys,
  Modules,
  ProductStatus,
} from "@medusajs/framework/utils"
import { Catalog, CatalogProduct, DEFAULT_DATA_DIR, loadCatalog } from "./catalog"

type StoreSetup = {
  store_name: string
  sales_channel: { name: string; description?: string }
  publishable_key_title: string
  stock_location: {
    name: string
    address: { address_1: string; city: string; postal_code: string; country_code: string }
  }
  fulfillment_set: string
  shipping_profile: string
  regions: {
    name: string
    currency_code: string
    countries: string[]
    tax_rates: Record<string, number>
    province_tax_rates?: Record<string, Record<string, number>>
    shipping_options: { name: string; code: string; description: string; amount: number }[]
  }[]
}

export type SeedResult = {
  publishableKey: string
  salesChannelId: string
  createdProducts: number
  totalProducts: number
}

export type SeedOptions = {
  dataDir?: string
  /** Show a progress bar (default: when stderr is a terminal). */
  progress?: boolean
}

const PRODUCT_BATCH = 8

export function readStoreSetup(dataDir = DEFAULT_DATA_DIR): StoreSetup {
  return JSON.parse(fs.readFileSync(path.join(dataDir, "store.json"), "utf8")) as StoreSetup
}

/**
 * Seeds Keel's shop from data/: store currencies, sales channel, publishable key,
 * regions with tax, a stock location with two shipping options per region, categories,
 * collections, products with images, variants, prices and stock.
 *
 * Every entity is looked up by its natural key (name, handle, SKU, country) before
 * it is created, so running the seed again, or after an interrupted run, only adds
 * what is missing.
 */
export async function seedCatalog(
  container: MedusaContainer,
  options: SeedOptions = {}
): Promise<SeedResult> {
  const dataDir = options.dataDir ?? DEFAULT_DATA_DIR
  const logger = container.resolve<Logger>(ContainerRegistrationKeys.LOGGER)
  const setup = readStoreSetup(dataDir)
  const catalog = loadCatalog(dataDir)

  const salesChannelId = await ensureSalesChannel(container, setup)
  await ensureStore(container, setup, salesChannelId)
  const regionIds = await ensureRegions(container, setup)
  await ensureTaxRegions(container, setup)
  const locationId = await ensureStockLocation(container, setup, salesChannelId)
  const shippingProfileId = await ensureShippingProfile(container, setup)
  await ensureShippingOptions(container, setup, locationId, shippingProfileId, regionIds)
  const publishableKey = await ensurePublishableKey(container, setup, salesChannelId)
  const categoryIds = await ensureCategories(container, catalog)
  const collectionIds = await ensureCollections(container, catalog)

  const productModule = container.resolve(Modules.PRODUCT)
  const existing = await productModule.listProducts(
    { handle: catalog.products.map((p) => p.handle) },
    { select: ["handle"], take: null }
  )
  const existingHandles = new Set(existing.map((p) => p.handle))
  const missing = catalog.products.filter((p) => !existingHandles.has(p.handle))

  const showProgress = options.progress ?? Boolean(process.stderr.isTTY)
  const bar = new SingleBar(
    { format: "Seeding products [{bar}] {value}/{total}", hideCursor: true },
    Presets.shades_classic
  )
  if (showProgress && missing.length) {
    bar.start(missing.length, 0)
  }
  for (let i = 0; i < missing.length; i += PRODUCT_BATCH) {
    const batch = missing.slice(i, i + PRODUCT_BATCH)
    const imageUrls = await uploadImages(container, dataDir, batch)
    await createProductsWorkflow(container).run({
      input: {
        products: batch.map((product) => ({
          title: product.title,
          subtitle: product.subtitle ?? undefined,
          handle: product.handle,
          description: product.description,
          material: product.material ?? undefined,
          weight: product.weight,
          status: ProductStatus.PUBLISHED,
          category_ids: [categoryIds[product.category]],
          collection_id: product.collection ? collectionIds[product.collection] : undefined,
          shipping_profile_id: shippingProfileId,
          thumbnail: imageUrls[product.handle],
          images: [{ url: imageUrls[product.handle] }],
          options: product.options,
          variants: product.variants.map((variant) => ({
            title: variant.title,
            sku: variant.sku,
            options: variant.options,
            manage_inventory: true,
            allow_backorder: variant.allow_backorder,
            prices: Object.entries(variant.prices).map(([currency_code, amount]) => ({
              currency_code,
              amount,
            })),
          })),
          sales_channels: [{ id: salesChannelId }],
        })),
      },
    })
    if (showProgress) {
      bar.increment(batch.length)
    }
  }
  if (showProgress && missing.length) {
    bar.stop()
  }

  await ensureInventoryLevels(container, catalog, locationId)

  logger.info(
    `Seed: ${missing.length} products created, ${catalog.products.length - missing.length} already present.`
  )
  return {
    publishableKey,
    salesChannelId,
    createdProducts: missing.length,
    totalProducts: catalog.products.length,
  }
}

// Medusa creates these on first boot; the seed adopts them rather than leaving an empty
// channel and a key that shows no products next to ours.
const MEDUSA_DEFAULT_CHANNEL = "Default Sales Channel"
const MEDUSA_DEFAULT_KEY = "Default Publishable API Key"

async function ensureSalesChannel(container: MedusaContainer, setup: StoreSetup) {
  const salesChannels = container.resolve(Modules.SALES_CHANNEL)
  const [found] = await salesChannels.listSalesChannels({ name: setup.sales_channel.name })
  if (found) {
    return found.id
  }
  const [medusaDefault] = await salesChannels.listSalesChannels({ name: MEDUSA_DEFAULT_CHANNEL })
  if (medusaDefault) {
    await updateSalesChannelsWorkflow(container).run({
      input: { selector: { id: medusaDefault.id }, update: setup.sales_channel },
    })
    return medusaDefault.id
  }
  const { result } = await createSalesChannelsWorkflow(container).run({
    input: { salesChannelsData: [setup.sales_channel] },
  })
  return result[0].id
}

async function ensureStore(container: MedusaContainer, setup: StoreSetup, salesChannelId: string) {
  const storeModule = container.resolve(Modules.STORE)
  const [store] = await storeModule.listStores({}, { relations: ["supported_currencies"] })
  const currencies = setup.regions.map((r) => r.currency_code)
  const supported = (store.supported_currencies ?? []).map((c) => c.currency_code)
  if (
    store.name === setup.store_name &&
    store.default_sales_channel_id === salesChannelId &&
    currencies.every((c) => supported.includes(c))
  ) {
    return
  }
  await updateStoresWorkflow(container).run({
    input: {
      selector: { id: store.id },
      update: {
        name: setup.store_name,
        default_sales_channel_id: salesChannelId,
        supported_currencies: currencies.map((currency_code, i) => ({
          currency_code,
          is_default: i === 0,
        })),
      },
    },
  })
}

/**
 * Maps each wanted item's natural key to its id, creating in one call the items not
 * found among `existing` (compared by the same key).
 */
async function idsByKey<T, E extends { id: string }>(
  wanted: T[],
  existing: E[],
  keyOf: (item: T | E) => string,
  create: (missing: T[]) => Promise<E[]>
) {
  const ids: Record<string, string> = Object.fromEntries(existing.map((e) => [keyOf(e), e.id]))
  const missing = wanted.filter((item) => !ids[keyOf(item)])
  if (missing.length) {
    for (const created of await create(missing)) {
      ids[keyOf(created)] = created.id
    }
  }
  return ids
}

async function ensureRegions(container: MedusaContainer, setup: StoreSetup) {
  const existing = await container.resolve(Modules.REGION).listRegions({}, { take: null })
  return idsByKey(setup.regions, existing, (r) => r.name, async (missing) => {
    const { result } = await createRegionsWorkflow(container).run({
      input: {
        regions: missing.map((r) => ({
          name: r.name,
          currency_code: r.currency_code,
          countries: r.countries,
          payment_providers: ["pp_system_default"],
          automatic_taxes: true,
        })),
      },
    })
    return result
  })
}

async function ensureTaxRegions(container: MedusaContainer, setup: StoreSetup) {
  const taxModule = container.resolve(Modules.TAX)
  const existing = await taxModule.listTaxRegions({}, { take: null })
  const key = (country: string, province?: string | null) => `${country}:${province ?? ""}`
  const byKey = new Map(existing.map((t) => [key(t.country_code, t.province_code), t.id]))

  const countries = setup.regions.flatMap((region) =>
    Object.entries(region.tax_rates).map(([country_code, rate]) => ({ country_code, rate }))
  )
  const missingCountries = countries.filter((c) => !byKey.has(key(c.country_code)))
  if (missingCountries.length) {
    const { result } = await createTaxRegionsWorkflow(container).run({
      input: missingCountries.map(({ country_code, rate }) => ({
        country_code,
        provider_id: "tp_system",
        default_tax_rate: { rate, code: `${country_code.toUpperCase()}-STD`, name: "Standard rate" },
      })),
    })
    for (const taxRegion of result) {
      byKey.set(key(taxRegion.country_code), taxRegion.id)
    }
  }

  const provinces = setup.regions.flatMap((region) =>
    Object.entries(region.province_tax_rates ?? {}).flatMap(([country_code, rates]) =>
      Object.entries(rates).map(([province_code, rate]) => ({ country_code, province_code, rate }))
    )
  )
  const missingProvinces = provinces.filter(
    (p) => !byKey.has(key(p.country_code, p.province_code))
  )
  if (missingProvinces.length) {
    await createTaxRegionsWorkflow(container).run({
      input: missingProvinces.map(({ country_code, province_code, rate }) => ({
        country_code,
        province_code,
        // Sub-regions inherit the country's tax provider.
        parent_id: byKey.get(key(country_code)),
        default_tax_rate: {
          rate,
          code: `${province_code.toUpperCase()}-STD`,
          name: "State sales tax",
        },
      })),
    })
  }
}

async function ensureStockLocation(
  container: MedusaContainer,
  setup: StoreSetup,
  salesChannelId: string
) {
  const stockLocations = container.resolve(Modules.STOCK_LOCATION)
  let [location] = await stockLocations.listStockLocations({ name: setup.stock_location.name })
  if (!location) {
    const { result } = await createStockLocationsWorkflow(container).run({
      input: { locations: [setup.stock_location] },
    })
    location = result[0]
  }

  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "stock_location",
    fields: ["id", "sales_channels.id", "fulfillment_providers.id", "fulfillment_sets.id"],
    filters: { id: location.id },
  })
  const linked = data[0]
  if (!linked.sales_channels?.some((sc) => sc?.id === salesChannelId)) {
    await linkSalesChannelsToStockLocationWorkflow(container).run({
      input: { id: location.id, add: [salesChannelId] },
    })
  }
  if (!linked.fulfillment_providers?.some((fp) => fp?.id === "manual_manual")) {
    const link = container.resolve(ContainerRegistrationKeys.LINK)
    await link.create({
      [Modules.STOCK_LOCATION]: { stock_location_id: location.id },
      [Modules.FULFILLMENT]: { fulfillment_provider_id: "manual_manual" },
    })
  }
  if (!linked.fulfillment_sets?.length) {
    await createLocationFulfillmentSetWorkflow(container).run({
      input: {
        location_id: location.id,
        fulfillment_set_data: { name: setup.fulfillment_set, type: "shipping" },
      },
    })
  }
  return location.id
}

async function ensureShippingProfile(container: MedusaContainer, setup: StoreSetup) {
  const fulfillment = container.resolve(Modules.FULFILLMENT)
  // Medusa creates a default profile on first boot; products ship with it.
  const [profile] = await fulfillment.listShippingProfiles({ type: "default" })
  if (profile) {
    return profile.id
  }
  const { result } = await createShippingProfilesWorkflow(container).run({
    input: { data: [{ name: setup.shipping_profile, type: "default" }] },
  })
  return result[0].id
}

async function ensureShippingOptions(
  container: MedusaContainer,
  setup: StoreSetup,
  locationId: string,
  shippingProfileId: string,
  regionIds: Record<string, string>
) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const fulfillment = container.resolve(Modules.FULFILLMENT)
  const { data } = await query.graph({
    entity: "stock_location",
    fields: ["fulfillment_sets.id", "fulfillment_sets.service_zones.id", "fulfillment_sets.service_zones.name"],
    filters: { id: locationId },
  })
  const fulfillmentSet = data[0].fulfillment_sets![0]!
  const zones: Record<string, string> = Object.fromEntries(
    (fulfillmentSet.service_zones ?? []).map((z) => [z!.name, z!.id])
  )

  const missingZones = setup.regions.filter((r) => !zones[r.name])
  if (missingZones.length) {
    const { result } = await createServiceZonesWorkflow(container).run({
      input: {
        data: missingZones.map((region) => ({
          name: region.name,
          fulfillment_set_id: fulfillmentSet.id,
          geo_zones: region.countries.map((country_code) => ({
            type: "country" as const,
            country_code,
          })),
        })),
      },
    })
    for (const zone of result) {
      zones[zone.name] = zone.id
    }
  }

  for (const region of setup.regions) {
    const existing = await fulfillment.listShippingOptions({
      service_zone: { id: zones[region.name] },
    })
    const names = new Set(existing.map((o) => o.name))
    const missing = region.shipping_options.filter((o) => !names.has(o.name))
    if (!missing.length) {
      continue
    }
    await createShippingOptionsWorkflow(container).run({
      input: missing.map((option) => ({
        name: option.name,
        price_type: "flat" as const,
        provider_id: "manual_manual",
        service_zone_id: zones[region.name],
        shipping_profile_id: shippingProfileId,
        type: { label: option.name, description: option.description, code: option.code },
        prices: [
          { currency_code: region.currency_code, amount: option.amount },
          { region_id: regionIds[region.name], amount: option.amount },
        ],
        rules: [
          { attribute: "enabled_in_store", value: "true", operator: "eq" as const },
          { attribute: "is_return", value: "false", operator: "eq" as const },
        ],
      })),
    })
  }
}

type PublishableKey = { id: string; token: string; sales_channels?: ({ id: string } | null)[] | null }

/** The storefront's publishable key, found by its title (revoked keys are ignored). */
export async function findPublishableKey(
  container: MedusaContainer,
  title: string
): Promise<PublishableKey | undefined> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "api_key",
    fields: ["id", "token", "revoked_at", "sales_channels.id"],
    filters: { title, type: "publishable" },
  })
  return data.find((key) => !key.revoked_at) as PublishableKey | undefined
}

async function ensurePublishableKey(
  container: MedusaContainer,
  setup: StoreSetup,
  salesChannelId: string
) {
  let key = await findPublishableKey(container, setup.publishable_key_title)
  if (!key) {
    const medusaDefault = await findPublishableKey(container, MEDUSA_DEFAULT_KEY)
    if (medusaDefault) {
      await updateApiKeysWorkflow(container).run({
        input: { selector: { id: medusaDefault.id }, update: { title: setup.publishable_key_title } },
      })
      key = medusaDefault
    }
  }
  if (!key) {
    const { result } = await createApiKeysWorkflow(container).run({
      input: {
        api_keys: [{ title: setup.publishable_key_title, type: "publishable", created_by: "" }],
      },
    })
    key = { id: result[0].id, token: result[0].token, sales_channels: [] }
  }
  if (!key.sales_channels?.some((sc) => sc?.id === salesChannelId)) {
    await linkSalesChannelsToApiKeyWorkflow(container).run({
      input: { id: key.id, add: [salesChannelId] },
    })
  }
  return key.token
}

async function ensureCategories(container: MedusaContainer, catalog: Catalog) {
  const handle = catalog.categories.map((c) => c.handle)
  const existing = await container
    .resolve(Modules.PRODUCT)
    .listProductCategories({ handle }, { take: null })
  return idsByKey(catalog.categories, existing, (c) => c.handle, async (missing) => {
    const { result } = await createProductCategoriesWorkflow(container).run({
      input: {
        product_categories: missing.map((c) => ({ ...c, is_active: true })),
      },
    })
    return result
  })
}

async function ensureCollections(container: MedusaContainer, catalog: Catalog) {
  const handle = catalog.collections.map((c) => c.handle)
  const existing = await container
    .resolve(Modules.PRODUCT)
    .listProductCollections({ handle }, { take: null })
  return idsByKey(catalog.collections, existing, (c) => c.handle, async (missing) => {
    const { result } = await createCollectionsWorkflow(container).run({
      input: { collections: missing },
    })
    return result
  })
}

/** Uploads each product's image through the File Module and returns its URL by handle. */
async function uploadImages(container: MedusaContainer, dataDir: string, products: CatalogProduct[]) {
  const { result } = await uploadFilesWorkflow(container).run({
    input: {
      files: products.map((product) => ({
        filename: path.basename(product.image),
        mimeType: "image/png",
        content: fs.readFileSync(path.join(dataDir, product.image)).toString("base64"),
        access: "public" as const,
      })),
    },
  })
  // The workflow returns files in input order.
  return Object.fromEntries(products.map((product, i) => [product.handle, result[i].url]))
}

/** Gives every catalog variant's inventory item a level at the warehouse, once. */
async function ensureInventoryLevels(
  container: MedusaContainer,
  catalog: Catalog,
  locationId: string
) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const stockBySku = new Map(
    catalog.products.flatMap((p) => p.variants.map((v) => [v.sku, v.stock] as const))
  )
  const { data: items } = await query.graph({
    entity: "inventory_item",
    fields: ["id", "sku", "location_levels.location_id"],
    filters: { sku: [...stockBySku.keys()] },
  })
  const missing = items.filter(
    (item) => !item.location_levels?.some((level) => level?.location_id === locationId)
  )
  if (!missing.length) {
    return
  }
  await createInventoryLevelsWorkflow(container).run({
    input: {
      inventory_levels: missing.map((item) => ({
        inventory_item_id: item.id,
        location_id: locationId,
        stocked_quantity: stockBySku.get(item.sku!) ?? 0,
      })),
    },
  })
}
