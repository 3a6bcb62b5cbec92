import {
  ContainerRegistrationKeys,
  InventoryItemWorkflowEvents,
  InventoryLevelWorkflowEvents,
  PricingEvents,
  ProductCategoryWorkflowEvents,
  ProductCollectionWorkflowEvents,
  ProductOptionValueWorkflowEvents,
  ProductOptionWorkflowEvents,
  ProductTagWorkflowEvents,
  ProductTypeWorkflowEvents,
  ProductVariantWorkflowEvents,
  ProductWorkflowEvents,
  RegionWorkflowEvents,
  ReservationItemWorkflowEvents,
  SalesChannelWorkflowEvents,
} from "@medusajs/framework/utils"
import { cacheTags, type CacheDeclaration, type CachedAnswer, type CacheInvalidationContext } from "@keel/core"

/**
 * Medusa's own catalog routes, declared like a plugin's: what each answer shows, and which
 * events drop what. The tags:
 * - `product:<id>`: the product's own answer (and a plugin's answers about it, e.g. its reviews);
 * - `product-list`: every answer listing products. A product change drops it, whatever the
 *   product: a renamed, published or re-priced product may enter or leave any list (a filter, a
 *   search, a sort), so no list can be proven unaffected;
 * - `products`: every answer showing product data (lists and product pages). Dropped by changes
 *   that touch products without naming one cheaply (prices, stock, types, tags, options) and by
 *   categories, collections and regions, which product answers may show;
 * - `category:<id>`, `category-list`, `collection:<id>`, `collection-list`, `region:<id>`,
 *   `region-list`: those answers.
 * Sales channels, publishable keys and the channels a key opens decide whether any store answer
 * may be given at all (a revoked key is a 400 on every route): they drop everything.
 */

export const catalogTags = {
  productList: "product-list",
  products: "products",
  category: (id: string) => `category:${id}`,
  categoryList: "category-list",
  collection: (id: string) => `collection:${id}`,
  collectionList: "collection-list",
  region: (id: string) => `region:${id}`,
  regionList: "region-list",
}

/** Whether the answer was asked to embed products (`fields=*products`, `+products.title`, …). */
function showsProducts(query: URLSearchParams) {
  return /(^|[,*+-])products(\.|,|$)/.test(query.get("fields") ?? "")
}

/** Ids of the categories in a category answer: itself, its parents and children, at any depth. */
function categoryIds(value: unknown, into: Set<string> = new Set(), depth = 0): Set<string> {
  if (depth > 20 || value === null || typeof value !== "object") return into
  if (Array.isArray(value)) {
    for (const item of value) categoryIds(item, into, depth + 1)
    return into
  }
  const record = value as Record<string, unknown>
  if (typeof record.id === "string" && record.id.startsWith("pcat_")) into.add(record.id)
  for (const key of ["product_category", "product_categories", "parent_category", "category_children"]) {
    if (key in record) categoryIds(record[key], into, depth + 1)
  }
  return into
}

const withProducts = (query: URLSearchParams, tags: string[]) =>
  showsProducts(query) ? [...tags, catalogTags.productList, catalogTags.products] : tags

const productIds = (data: unknown): string[] | undefined => {
  const id = (data as { id?: unknown } | undefined)?.id
  const ids = Array.isArray(id) ? id : [id]
  return ids.length && ids.every((value) => typeof value === "string") ? (ids as string[]) : undefined
}

/** The tags of a product change: its own answers and every list. */
const productChanged = (ids: string[]) => [...ids.map(cacheTags.product), catalogTags.productList]

/** A variant event names the variant; its product is looked up (deleted variants included). */
async function variantProducts(data: unknown, context: CacheInvalidationContext) {
  const ids = productIds(data)
  if (!ids) return [cacheTags.all]
  const query = context.resolve<{
    graph(input: unknown, options?: unknown): Promise<{ data: { product_id?: string | null }[] }>
  }>(ContainerRegistrationKeys.QUERY)
  const { data: variants } = await query.graph({
    entity: "product_variant",
    fields: ["id", "product_id"],
    filters: { id: ids },
    withDeleted: true,
  })
  const products = [...new Set(variants.map((v) => v.product_id).filter((id): id is string => !!id))]
  // A variant that cannot be found anymore cannot be placed: every product answer goes.
  if (products.length === 0 || variants.length < ids.length) return [catalogTags.products, catalogTags.productList]
  return productChanged(products)
}

const eventNames = (...groups: Record<string, string>[]) => groups.flatMap((events) => Object.values(events))

function idTags(tag: (id: string) => string, list: string) {
  return (data: unknown) => {
    const ids = productIds(data)
    // Products may show the category, collection or region (embedded, or prices by region).
    return ids ? [...ids.map(tag), list, catalogTags.products] : [cacheTags.all]
  }
}

export const catalogCacheDeclaration: CacheDeclaration = {
  name: "keel catalog",
  routes: [
    { path: "/store/products", tags: () => [catalogTags.productList, catalogTags.products] },
    { path: "/store/products/:id", tags: ({ params }: CachedAnswer) => [cacheTags.product(params.id), catalogTags.products] },
    {
      path: "/store/product-categories",
      tags: ({ query, body }) => withProducts(query, [catalogTags.categoryList, ...[...categoryIds(body)].map(catalogTags.category)]),
    },
    {
      path: "/store/product-categories/:id",
      tags: ({ params, query, body }) =>
        withProducts(query, [...new Set([params.id, ...categoryIds(body)])].map(catalogTags.category)),
    },
    { path: "/store/collections", tags: ({ query }) => withProducts(query, [catalogTags.collectionList]) },
    { path: "/store/collections/:id", tags: ({ params, query }) => withProducts(query, [catalogTags.collection(params.id)]) },
    { path: "/store/regions", tags: () => [catalogTags.regionList] },
    { path: "/store/regions/:id", tags: ({ params }) => [catalogTags.region(params.id)] },
  ],
  invalidations: [
    {
      events: eventNames(ProductWorkflowEvents),
      tags: (data) => {
        const ids = productIds(data)
        return ids ? productChanged(ids) : [catalogTags.products, catalogTags.productList]
      },
    },
    { events: eventNames(ProductVariantWorkflowEvents), tags: variantProducts },
    {
      // These name a price, a price list, a stock level, a reservation, a type, a tag or an option,
      // not a product; mapping each to its products would cost a query per event. Every answer
      // showing products goes (categories, collections and regions stay).
      events: eventNames(
        PricingEvents,
        InventoryItemWorkflowEvents,
        InventoryLevelWorkflowEvents,
        ReservationItemWorkflowEvents,
        ProductTypeWorkflowEvents,
        ProductTagWorkflowEvents,
        ProductOptionWorkflowEvents,
        ProductOptionValueWorkflowEvents
      ),
      tags: () => [catalogTags.products, catalogTags.productList],
    },
    { events: eventNames(ProductCategoryWorkflowEvents), tags: idTags(catalogTags.category, catalogTags.categoryList) },
    { events: eventNames(ProductCollectionWorkflowEvents), tags: idTags(catalogTags.collection, catalogTags.collectionList) },
    { events: eventNames(RegionWorkflowEvents), tags: idTags(catalogTags.region, catalogTags.regionList) },
    {
      // Which products a channel shows, which channels a key opens, whether a key is still valid:
      // any store answer (and every front-lane replay, which skipped the key check) may change.
      events: [
        ...eventNames(SalesChannelWorkflowEvents),
        "LinkProductSalesChannel.attached",
        "LinkProductSalesChannel.detached",
        "LinkPublishableApiKeySalesChannel.attached",
        "LinkPublishableApiKeySalesChannel.detached",
        "api_key.api-key.updated",
        "api_key.api-key.deleted",
      ],
      tags: () => [cacheTags.all],
    },
  ],
}
