/**
 * What the wishlists admin routes answer: one contract, which the routes satisfy and the admin
 * pages read (type-only, so the admin bundle carries no server code).
 */

export type WishlistTotals = {
  wishlists: number
  customer_wishlists: number
  guest_wishlists: number
  items: number
  items_per_list: number
  back_in_stock_alerts: number
  price_drop_alerts: number
}

/** `GET /admin/wishlists/insights`: the period (ISO dates), totals and the most wished products and variants. */
export type AdminWishlistInsightsResponse = {
  from: string
  to: string
  totals: WishlistTotals
  top_products: { product_id: string; title: string | null; thumbnail: string | null; wishlists: number; items: number }[]
  top_variants: { variant_id: string; product_id: string; title: string | null; sku: string | null; wishlists: number }[]
}

/** `GET /admin/products/:id/wishlists`: on how many live lists the product is, and how many items of it they hold. */
export type AdminProductWishlistsResponse = { product_id: string; wishlists: number; items: number }

/** An alert notification in the outbox, as the admin sees it. */
export type AdminWishlistNotification = {
  id: string
  kind: "back_in_stock" | "price_drop"
  to: string
  template: string
  item_id: string
  status: "pending" | "sent" | "dead"
  attempts: number
  last_error: string | null
  next_attempt_at: string
  sent_at: string | null
  created_at: string
}

/** `GET /admin/wishlists/notifications`: undelivered (or all) alert notifications, newest first. */
export type AdminWishlistNotificationsResponse = { notifications: AdminWishlistNotification[]; count: number; limit: number; offset: number }

/** `POST /admin/wishlists/notifications/:id/retry`: the notification after its new attempt. */
export type AdminWishlistNotificationResponse = { notification: AdminWishlistNotification }
