import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { removeWishlistItemWorkflow } from "../../../../../../workflows/wishlists"
import { actorOf } from "../../../../../actor"

/** DELETE /store/wishlists/:id/items/:item_id */
export const DELETE = async (req: MedusaRequest, res: MedusaResponse) => {
  await removeWishlistItemWorkflow(req.scope).run({ input: { wishlist_id: req.params.id, item_id: req.params.item_id, ...actorOf(req) } })
  res.json({ id: req.params.item_id, object: "wishlist_item", deleted: true })
}
