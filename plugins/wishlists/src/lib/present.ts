import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, getVariantAvailability, MedusaError, QueryContext } from "@medusajs/framework/utils"
import { WISHLISTS_MODULE } from "../modules/wishlists"
import type WishlistsModuleService from "../modules/wishlists/service"

export type PageOptions = { region_id?: string; currency_code?: string; limit: number; offset: number }

type WishlistRow = { id: string; name: string; is_default: boolean; sales_channel_id: string; created_at: Date | string; updated_at: Date | string }

/**
 * A list as a storefront renders it in one call: a page of items, each with its product,
 * variant, price in the request's region and availability in the list's sales channel.
 * Nothing about the owner is included, so a shared list shows the same.
 */
export async function presentWishlist(container: MedusaContainer, wishlist: WishlistRow, page: PageOptions) {
  const service = container.resolve<WishlistsModuleService>(WISHLISTS_MODULE)
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const [items, count] = await service.listAndCountWishlistItems(
    { wishlist_id: wishlist.id },
    { take: page.limit, skip: page.offset, order: { created_at: "DESC", id: "DESC" }, relations: ["alerts"] }
  )
  const variantIds = items.map((i) => i.variant_id)
  // Prices need a currency: the region's, unless the request names one.
  let currency = page.currency_code?.toLowerCase()
  if (page.region_id && !currency) {
    const { data: regions } = await query.graph({ entity: "region", fields: ["id", "currency_code"], filters: { id: page.region_id } })
    if (!regions[0]) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Region with id: ${page.region_id} was not found`)
    }
    currency = regions[0].currency_code
  }
  const pricing = currency
    ? { calculated_price: QueryContext({ ...(page.region_id ? { region_id: page.region_id } : {}), currency_code: currency }) }
    : undefined
  const { data: variants } = variantIds.length
    ? await query.graph({
        entity: "product_variant",
        fields: [
          "id",
          "title",
          "sku",
          "product.id",
          "product.title",
          "product.handle",
          "product.thumbnail",
          ...(pricing ? ["calculated_price.calculated_amount", "calculated_price.currency_code", "calculated_price.original_amount"] : []),
        ],
        filters: { id: variantIds },
        ...(pricing ? { context: pricing } : {}),
      })
    : { data: [] as Record<string, unknown>[] }
  const availability = variantIds.length ? await getVariantAvailability(query, { variant_ids: variantIds, sales_channel_id: wishlist.sales_channel_id }) : {}
  const byId = new Map((variants as { id: string }[]).map((v) => [v.id, v as Record<string, unknown>]))
  return {
    id: wishlist.id,
    name: wishlist.name,
    is_default: wishlist.is_default,
    created_at: wishlist.created_at,
    updated_at: wishlist.updated_at,
    items: items.map((item) => {
      const variant = byId.get(item.variant_id) as
        | { title?: string; sku?: string; product?: { id: string; title: string; handle: string; thumbnail: string | null }; calculated_price?: { calculated_amount: number; currency_code: string; original_amount: number } | null }
        | undefined
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
