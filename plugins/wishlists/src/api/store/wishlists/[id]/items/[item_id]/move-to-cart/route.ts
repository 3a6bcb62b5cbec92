import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { moveWishlistItemToCartWorkflow } from "../../../../../../../workflows/wishlists"
import { actorOf } from "../../../../../../actor"
import type { StoreMoveToCartType } from "../../../../../../validators"

/** POST /store/wishlists/:id/items/:item_id/move-to-cart `{ cart_id }`: the cart gets the line, the list loses the item. */
export const POST = async (req: MedusaRequest<StoreMoveToCartType>, res: MedusaResponse) => {
  await moveWishlistItemToCartWorkflow(req.scope).run({
    input: { wishlist_id: req.params.id, item_id: req.params.item_id, cart_id: req.validatedBody.cart_id, ...actorOf(req) },
  })
  res.json({ moved: true, item_id: req.params.item_id, cart_id: req.validatedBody.cart_id })
}
