import { z } from "@medusajs/framework/zod"
import { boolean, currencyCode, id, integer, queryInteger, text } from "@keel/core"

const name = text({ max: 100, min: 1 })

export const StoreCreateWishlist = z.object({ name: name.optional() }).strict()
export type StoreCreateWishlistType = z.infer<typeof StoreCreateWishlist>

export const StoreUpdateWishlist = z.object({ name }).strict()
export type StoreUpdateWishlistType = z.infer<typeof StoreUpdateWishlist>

export const StoreAddWishlistItem = z
  .object({
    variant_id: id(),
    quantity: integer({ min: 1, max: 999 }).optional(),
    note: text({ max: 500, multiline: true }).nullish(),
    alert_back_in_stock: boolean().optional(),
    alert_price_drop: boolean().optional(),
    // the currency the shopper sees prices in (default: the store's)
    region_id: id().optional(),
    currency_code: currencyCode().optional(),
  })
  .strict()
export type StoreAddWishlistItemType = z.infer<typeof StoreAddWishlistItem>

export const StoreShareWishlist = z.object({ expires_in: integer({ min: 60, max: 365 * 86400 }).optional() }).strict()
export type StoreShareWishlistType = z.infer<typeof StoreShareWishlist>

export const StoreWishlistPage = z.object({
  limit: queryInteger({ min: 1, max: 200 }).default(50),
  offset: queryInteger({ min: 0, max: 1_000_000 }).default(0),
  region_id: id().optional(),
  currency_code: currencyCode().optional(),
})
export type StoreWishlistPageType = z.infer<typeof StoreWishlistPage>

export const StoreMoveToCart = z.object({ cart_id: id() }).strict()
export type StoreMoveToCartType = z.infer<typeof StoreMoveToCart>
