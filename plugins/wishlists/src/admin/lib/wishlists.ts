import { FetchError } from "@medusajs/js-sdk"
import { keepPreviousData, useQuery } from "@tanstack/react-query"
import { sdk } from "./sdk"

// Client side of the wishlists admin API (src/api/admin).

export type WishlistInsights = {
  from: string
  to: string
  totals: {
    wishlists: number
    customer_wishlists: number
    guest_wishlists: number
    items: number
    items_per_list: number
    back_in_stock_alerts: number
    price_drop_alerts: number
  }
  top_products: { product_id: string; title: string | null; thumbnail: string | null; wishlists: number; items: number }[]
  top_variants: { variant_id: string; product_id: string; title: string | null; sku: string | null; wishlists: number }[]
}

export type ProductWishlists = { product_id: string; wishlists: number; items: number }

const DAY_MS = 24 * 60 * 60 * 1000

const keys = {
  insights: (days: number) => ["keel-wishlists", "insights", days] as const,
  product: (id: string) => ["keel-wishlists", "product", id] as const,
}

/** The message the API answered with, else a generic one. */
export function errorMessage(error: unknown): string {
  if (error instanceof FetchError || error instanceof Error) {
    return error.message || "Something went wrong"
  }
  return "Something went wrong"
}

/** The last `days` days up to now; the key holds the day count, so the start is worked out per fetch. */
export function useWishlistInsights(days: number) {
  return useQuery({
    queryKey: keys.insights(days),
    queryFn: () =>
      sdk.client.fetch<WishlistInsights>("/admin/wishlists/insights", {
        query: { from: new Date(Date.now() - days * DAY_MS).toISOString(), limit: 10 },
      }),
    // Switching the period keeps the current figures until the new ones arrive.
    placeholderData: keepPreviousData,
  })
}

export function useProductWishlists(productId: string) {
  return useQuery({
    queryKey: keys.product(productId),
    queryFn: () => sdk.client.fetch<ProductWishlists>(`/admin/products/${encodeURIComponent(productId)}/wishlists`),
  })
}
