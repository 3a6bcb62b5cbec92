import { authenticate, defineMiddlewares, validateAndTransformBody, validateAndTransformQuery } from "@medusajs/framework/http"
import { id, validatePathParams } from "@keel/core"
import { guestTokenBudget, shareLookupBudget } from "../lib/budgets"
import { StoreAddWishlistItem, StoreCreateWishlist, StoreMoveToCart, StoreShareWishlist, StoreUpdateWishlist, StoreWishlistPage } from "./validators"
import { AdminWishlistInsights, AdminWishlistNotifications } from "./admin/validators"

// Lists answer to a logged-in customer or to a guest's token (x-wishlist-token), so the
// customer session is read when there is one but not required.
const maybeCustomer = authenticate("customer", ["session", "bearer"], { allowUnauthenticated: true })
const customer = authenticate("customer", ["session", "bearer"])
// :id and :item_id are ids; a share link's :token is a token (base64url).
const ids = validatePathParams()
const shareToken = validatePathParams({ token: id({ max: 128 }) })

export default defineMiddlewares({
  routes: [
    { matcher: "/store/wishlists*", middlewares: [guestTokenBudget] },
    { matcher: "/store/wishlists", method: "GET", middlewares: [customer, validateAndTransformQuery(StoreWishlistPage, {})] },
    { matcher: "/store/wishlists", method: "POST", middlewares: [maybeCustomer, validateAndTransformBody(StoreCreateWishlist)] },
    { matcher: "/store/wishlists/:id", method: "GET", middlewares: [maybeCustomer, ids, validateAndTransformQuery(StoreWishlistPage, {})] },
    { matcher: "/store/wishlists/:id", method: "PATCH", middlewares: [maybeCustomer, ids, validateAndTransformBody(StoreUpdateWishlist)] },
    { matcher: "/store/wishlists/:id", method: "DELETE", middlewares: [maybeCustomer, ids] },
    { matcher: "/store/wishlists/:id/items", method: "POST", middlewares: [maybeCustomer, ids, validateAndTransformBody(StoreAddWishlistItem)] },
    { matcher: "/store/wishlists/:id/items/:item_id", method: "DELETE", middlewares: [maybeCustomer, ids] },
    { matcher: "/store/wishlists/:id/items/:item_id/move-to-cart", method: "POST", middlewares: [maybeCustomer, ids, validateAndTransformBody(StoreMoveToCart)] },
    { matcher: "/store/wishlists/:id/claim", method: "POST", middlewares: [customer, ids] },
    { matcher: "/store/wishlists/:id/share", method: "POST", middlewares: [maybeCustomer, ids, validateAndTransformBody(StoreShareWishlist)] },
    { matcher: "/store/wishlists/:id/share", method: "DELETE", middlewares: [maybeCustomer, ids] },
    { matcher: "/store/shared-wishlists/:token", method: "GET", middlewares: [shareToken, shareLookupBudget, validateAndTransformQuery(StoreWishlistPage, {})] },
    { matcher: "/admin/wishlists/insights", method: "GET", middlewares: [validateAndTransformQuery(AdminWishlistInsights, {})] },
    { matcher: "/admin/products/:id/wishlists", method: "GET", middlewares: [ids] },
    { matcher: "/admin/wishlists/notifications", method: "GET", middlewares: [validateAndTransformQuery(AdminWishlistNotifications, {})] },
    { matcher: "/admin/wishlists/notifications/:id/retry", method: "POST", middlewares: [ids] },
  ],
})
