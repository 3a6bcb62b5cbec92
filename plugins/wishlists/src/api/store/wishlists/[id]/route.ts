import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { presentWishlist } from "../../../../lib/present"
import { getWishlistWorkflow } from "../../../../workflows/get-wishlist"
import { deleteWishlistWorkflow, renameWishlistWorkflow } from "../../../../workflows/wishlists"
import { actorOf } from "../../../actor"
import type { StoreUpdateWishlistType, StoreWishlistPageType } from "../../../validators"

/** GET /store/wishlists/:id?limit&offset&region_id: the list with a page of items, for its owner. */
export const GET = async (req: MedusaRequest<unknown, StoreWishlistPageType>, res: MedusaResponse) => {
  const { result } = await getWishlistWorkflow(req.scope).run({ input: { wishlist_id: req.params.id, ...actorOf(req) } })
  res.json({ wishlist: await presentWishlist(req.scope, result, req.validatedQuery as StoreWishlistPageType) })
}

/** PATCH /store/wishlists/:id `{ name }` */
export const PATCH = async (req: MedusaRequest<StoreUpdateWishlistType>, res: MedusaResponse) => {
  const { result } = await renameWishlistWorkflow(req.scope).run({ input: { wishlist_id: req.params.id, ...actorOf(req), name: req.validatedBody.name } })
  res.json({ wishlist: await presentWishlist(req.scope, result, { limit: 50, offset: 0 }) })
}

/** DELETE /store/wishlists/:id */
export const DELETE = async (req: MedusaRequest, res: MedusaResponse) => {
  await deleteWishlistWorkflow(req.scope).run({ input: { wishlist_id: req.params.id, ...actorOf(req) } })
  res.json({ id: req.params.id, object: "wishlist", deleted: true })
}
