import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { presentWishlist } from "../../../../../lib/present"
import { getWishlistWorkflow } from "../../../../../workflows/get-wishlist"
import { addWishlistItemWorkflow } from "../../../../../workflows/wishlists"
import { actorOf } from "../../../../actor"
import type { StoreAddWishlistItemType } from "../../../../validators"

/** POST /store/wishlists/:id/items `{ variant_id, quantity?, note?, alert_back_in_stock?, alert_price_drop? }` */
export const POST = async (req: MedusaRequest<StoreAddWishlistItemType>, res: MedusaResponse) => {
  const actor = actorOf(req)
  await addWishlistItemWorkflow(req.scope).run({ input: { wishlist_id: req.params.id, ...actor, ...req.validatedBody } })
  const { result } = await getWishlistWorkflow(req.scope).run({ input: { wishlist_id: req.params.id, ...actor } })
  res.status(201).json({ wishlist: await presentWishlist(req.scope, result, { limit: 50, offset: 0 }) })
}
