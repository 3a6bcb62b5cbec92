import { defineMiddlewares, validateAndTransformBody } from "@medusajs/framework/http"
import { validatePathParams } from "@keel/core"
import { admitAtTheDoor, flashSaleErrorHandler } from "./flash-sale-errors"
import { AdminSetPurchaseLimit } from "./validators"

export default defineMiddlewares({
  // Medusa's error handler, except for completions refused for stock or a purchase limit: those
  // answer 409 with a code and the ids (./flash-sale-errors.ts). Medusa has one error handler per
  // app; a shop that sets its own should call flashSaleAnswer from it.
  errorHandler: flashSaleErrorHandler,
  routes: [
    { matcher: "/store/carts/:id/complete", method: "POST", middlewares: [admitAtTheDoor] },
    { matcher: "/admin/products/:id/purchase-limit", method: ["GET", "DELETE"], middlewares: [validatePathParams()] },
    { matcher: "/admin/products/:id/purchase-limit", method: "POST", middlewares: [validatePathParams(), validateAndTransformBody(AdminSetPurchaseLimit)] },
  ],
})
