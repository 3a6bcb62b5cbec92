import { authenticate, defineMiddlewares, validateAndTransformBody, validateAndTransformQuery } from "@medusajs/framework/http"
import { StoreAddWishlistItem, StoreCreateWishlist, StoreMoveToCart, StoreShareWishlist, StoreUpdateWishlist, StoreWishlistPage } from "./validators"
import { AdminWishlistInsights } from "./admin/validators"

// Lists answer to a logged-in customer or to a guest's token (x-wishlist-token), so the
// customer session is read when there is one but not required.
const maybeCustomer = authenticate("customer", ["session", "bearer"], { allowUnauthenticated: true })
const customer = authenticate("customer", ["session", "bearer"])

export default defineMiddlewares({
  routes: [
    { matcher: "/store/wishlists", method: "GET", middlewares: [customer, validateAndTransformQuery(StoreWishlistPage, {})] },
    { matcher: "/store/wishlists", method: "POST", middlewares: [maybeCustomer, validateAndTransformBody(StoreCreateWishlist)] },
    { matcher: "/store/wishlists/:id", method: "GET", middlewares: [maybeCustomer, validateAndTransformQuery(StoreWishlistPage, {})] },
    { matcher: "/store/wishlists/:id", method: "PATCH", middlewares: [maybeCustomer, validateAndTransformBody(StoreUpdateWishlist)] },
    { matcher: "/store/wishlists/:id", method: "DELETE", middlewares: [maybeCustomer] },
    { matcher: "/store/wishlists/:id/items", method: "POST", middlewares: [maybeCustomer, validateAndTransformBody(StoreAddWishlistItem)] },
    { matcher: "/store/wishlists/:id/items/:item_id", method: "DELETE", middlewares: [maybeCustomer] },
    { matcher: "/store/wishlists/:id/items/:item_id/move-to-cart", method: "POST", middlewares: [maybeCustomer, validateAndTransformBody(StoreMoveToCart)] },
    { matcher: "/store/wishlists/:id/claim", method: "POST", middlewares: [customer] },
    { matcher: "/store/wishlists/:id/share", method: "POST", middlewares: [maybeCustomer, validateAndTransformBody(StoreShareWishlist)] },
    { matcher: "/store/wishlists/:id/share", method: "DELETE", middlewares: [maybeCustomer] },
    { matcher: "/store/shared-wishlists/:token", method: "GET", middlewares: [validateAndTransformQuery(StoreWishlistPage, {})] },
    { matcher: "/admin/wishlists/insights", method: "GET", middlewares: [validateAndTransformQuery(AdminWishlistInsights, {})] },
  ],
})
