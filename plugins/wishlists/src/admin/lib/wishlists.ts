import { sdk } from "@keel/admin-ui"
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import type {
  AdminProductWishlistsResponse,
  AdminWishlistInsightsResponse,
  AdminWishlistNotificationResponse,
  AdminWishlistNotificationsResponse,
} from "../../api/admin/responses"

// Client side of the wishlists admin API (src/api/admin).

// The routes' own response types (src/api/admin/responses.ts): the page cannot drift from the server.
export type {
  AdminWishlistInsightsResponse as WishlistInsights,
  AdminProductWishlistsResponse as ProductWishlists,
  AdminWishlistNotification as WishlistNotification,
} from "../../api/admin/responses"
const DAY_MS = 24 * 60 * 60 * 1000

const keys = {
  insights: (days: number) => ["keel-wishlists", "insights", days] as const,
  product: (id: string) => ["keel-wishlists", "product", id] as const,
  undelivered: ["keel-wishlists", "notifications", "undelivered"] as const,
}

/** The last `days` days up to now; the key holds the day count, so the start is worked out per fetch. */
export function useWishlistInsights(days: number) {
  return useQuery({
    queryKey: keys.insights(days),
    queryFn: () =>
      sdk.client.fetch<AdminWishlistInsightsResponse>("/admin/wishlists/insights", {
        query: { from: new Date(Date.now() - days * DAY_MS).toISOString(), limit: 10 },
      }),
    // Switching the period keeps the current figures until the new ones arrive.
    placeholderData: keepPreviousData,
  })
}

export function useProductWishlists(productId: string) {
  return useQuery({
    queryKey: keys.product(productId),
    queryFn: () => sdk.client.fetch<AdminProductWishlistsResponse>(`/admin/products/${encodeURIComponent(productId)}/wishlists`),
  })
}

/** Alert notifications not sent yet: waiting for their next attempt, or given up on. */
export function useUndeliveredNotifications() {
  return useQuery({
    queryKey: keys.undelivered,
    queryFn: () => sdk.client.fetch<AdminWishlistNotificationsResponse>("/admin/wishlists/notifications", { query: { status: "undelivered", limit: 50 } }),
  })
}

/** One more attempt now; the list is read again afterwards. */
export function useRetryNotification() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (id: string) =>
      sdk.client.fetch<AdminWishlistNotificationResponse>(`/admin/wishlists/notifications/${encodeURIComponent(id)}/retry`, { method: "POST" }),
    onSettled: () => client.invalidateQueries({ queryKey: keys.undelivered }),
  })
}
