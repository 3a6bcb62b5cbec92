import { z } from "@medusajs/framework/zod"

export const StoreCreateWishlist = z.object({ name: z.string().trim().min(1).max(100).optional() }).strict()
export type StoreCreateWishlistType = z.infer<typeof StoreCreateWishlist>

export const StoreUpdateWishlist = z.object({ name: z.string().trim().min(1).max(100) }).strict()
export type StoreUpdateWishlistType = z.infer<typeof StoreUpdateWishlist>

export const StoreAddWishlistItem = z
  .object({
    variant_id: z.string().min(1),
    quantity: z.number().int().min(1).max(999).optional(),
    note: z.string().trim().max(500).nullish(),
    alert_back_in_stock: z.boolean().optional(),
    alert_price_drop: z.boolean().optional(),
    // the currency the shopper sees prices in (default: the store's)
    region_id: z.string().min(1).optional(),
    currency_code: z.string().length(3).optional(),
  })
  .strict()
export type StoreAddWishlistItemType = z.infer<typeof StoreAddWishlistItem>

export const StoreShareWishlist = z
  .object({ expires_in: z.number().int().min(60).max(365 * 86400).optional() })
  .strict()
export type StoreShareWishlistType = z.infer<typeof StoreShareWishlist>

export const StoreWishlistPage = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
  region_id: z.string().optional(),
  currency_code: z.string().length(3).optional(),
})
export type StoreWishlistPageType = z.infer<typeof StoreWishlistPage>

export const StoreMoveToCart = z.object({ cart_id: z.string().min(1) }).strict()
export type StoreMoveToCartType = z.infer<typeof StoreMoveToCart>
