import { defineMiddlewares, validateAndTransformBody } from "@medusajs/framework/http"
import { validatePathParams } from "@keel/core"
import { admitAtTheDoor } from "./flash-sale-errors"
import { AdminSetPurchaseLimit } from "./validators"

// The plugin sets no errorHandler (Medusa has one per app, the app's): refusals at the door are
// answered there; the app composes `flashSaleErrorAnswer` (./flash-sale-errors.ts) into its own
// handler for the refusals Medusa's route raises (README, "Install").
export default defineMiddlewares({
  routes: [
    { matcher: "/store/carts/:id/complete", method: "POST", middlewares: [admitAtTheDoor] },
    { matcher: "/admin/products/:id/purchase-limit", method: ["GET", "DELETE"], middlewares: [validatePathParams()] },
    { matcher: "/admin/products/:id/purchase-limit", method: "POST", middlewares: [validatePathParams(), validateAndTransformBody(AdminSetPurchaseLimit)] },
  ],
})
