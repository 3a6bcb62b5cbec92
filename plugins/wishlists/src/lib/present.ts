import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, getVariantAvailability, MedusaError, QueryContext } from "@medusajs/framework/utils"

export type PageOptions = { region_id?: string; currency_code?: string; limit: number; offset: number }

/** The item fields the answer is built from, for `query.graph` on `keel_wishlist_item`. */
const ITEM_FIELDS = ["id", "variant_id", "product_id", "quantity", "note", "added_price", "added_currency_code", "created_at", "alerts.kind"]

/** What a wishlist answer or alert shows of an item's variant and product, read through the item-variant link. */
export const LINKED_VARIANT_FIELDS = [
  "product_variant.id",
  "product_variant.title",
  "product_variant.sku",
  "product_variant.product.id",
  "product_variant.product.title",
  "product_variant.product.handle",
  "product_variant.product.thumbnail",
]

type ItemRow = {
  id: string
  variant_id: string
  product_id: string
  quantity: number
  note?: string | null
  added_price?: number | string | null
  added_currency_code?: string | null
  created_at: Date | string
  alerts?: { kind: string }[] | null
  product_variant?: {
    id: string
    title?: string | null
    sku?: string | null
    product?: { id: string; title: string; handle: string; thumbnail: string | null } | null
    calculated_price?: { calculated_amount: number; currency_code: string; original_amount: number } | null
  } | null
}

type WishlistRow = { id: string; name: string; is_default: boolean; sales_channel_id: string; created_at: Date | string; updated_at: Date | string }

/**
 * A list as a storefront renders it in one call: a page of items, each with its product,
 * variant, price in the request's region and availability in the list's sales channel.
 * Nothing about the owner is included, so a shared list shows the same.
 */
export async function presentWishlist(container: MedusaContainer, wishlist: WishlistRow, page: PageOptions) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  // Prices need a currency: the region's, unless the request names one.
  let currency = page.currency_code?.toLowerCase()
  if (page.region_id && !currency) {
    const { data: regions } = await query.graph({ entity: "region", fields: ["id", "currency_code"], filters: { id: page.region_id } })
    if (!regions[0]) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Region with id: ${page.region_id} was not found`)
    }
    currency = regions[0].currency_code
  }
  const pricing = currency ? QueryContext({ ...(page.region_id ? { region_id: page.region_id } : {}), currency_code: currency }) : undefined
  // One query: the page of items, each with its variant and the variant's product through the
  // read-only item-variant link (src/links), priced in the request's context.
  const { data, metadata } = await query.graph({
    entity: "keel_wishlist_item",
    fields: [
      ...ITEM_FIELDS,
      ...LINKED_VARIANT_FIELDS,
      ...(pricing
        ? ["product_variant.calculated_price.calculated_amount", "product_variant.calculated_price.currency_code", "product_variant.calculated_price.original_amount"]
        : []),
    ],
    filters: { wishlist_id: wishlist.id },
    pagination: { take: page.limit, skip: page.offset, order: { created_at: "DESC", id: "DESC" } },
    ...(pricing ? { context: { product_variant: { calculated_price: pricing } } } : {}),
  })
  const items = data as ItemRow[]
  const count = metadata?.count ?? items.length
  // Availability is Medusa's own figure (inventory levels across the channel's locations), not a field to join.
  const variantIds = items.map((i) => i.variant_id)
  const availability = variantIds.length ? await getVariantAvailability(query, { variant_ids: variantIds, sales_channel_id: wishlist.sales_channel_id }) : {}
  return {
    id: wishlist.id,
    name: wishlist.name,
    is_default: wishlist.is_default,
    created_at: wishlist.created_at,
    updated_at: wishlist.updated_at,
    items: items.map((item) => {
      const variant = item.product_variant
      return {
        id: item.id,
        variant_id: item.variant_id,
        product_id: item.product_id,
        quantity: item.quantity,
        note: item.note ?? null,
        alert_back_in_stock: (item.alerts ?? []).some((a) => a.kind === "back_in_stock"),
        alert_price_drop: (item.alerts ?? []).some((a) => a.kind === "price_drop"),
        added_price: item.added_price === null || item.added_price === undefined ? null : { amount: Number(item.added_price), currency_code: item.added_currency_code ?? null },
        created_at: item.created_at,
        // null when the variant was deleted since it was added
        variant: variant ? { id: item.variant_id, title: variant.title ?? null, sku: variant.sku ?? null } : null,
        product: variant?.product ? { id: variant.product.id, title: variant.product.title, handle: variant.product.handle, thumbnail: variant.product.thumbnail } : null,
        price: variant?.calculated_price
          ? { amount: variant.calculated_price.calculated_amount, original_amount: variant.calculated_price.original_amount, currency_code: variant.calculated_price.currency_code }
          : null,
        availability: availability[item.variant_id]?.availability ?? null,
      }
    }),
    count,
    limit: page.limit,
    offset: page.offset,
  }
}
