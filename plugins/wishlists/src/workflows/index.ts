export * from "./wishlists"
export * from "./get-wishlist"
