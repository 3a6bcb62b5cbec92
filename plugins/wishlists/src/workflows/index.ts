export * from "./wishlists"
export * from "./get-wishlist"
export * from "./check-wishlist-alerts"
