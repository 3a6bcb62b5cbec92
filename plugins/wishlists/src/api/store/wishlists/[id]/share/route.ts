import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { revokeWishlistSharesWorkflow, shareWishlistWorkflow } from "../../../../../workflows/wishlists"
import { actorOf } from "../../../../actor"
import type { StoreShareWishlistType } from "../../../../validators"

/** POST /store/wishlists/:id/share `{ expires_in? }` (seconds): a read-only link token, shown once. */
export const POST = async (req: MedusaRequest<StoreShareWishlistType>, res: MedusaResponse) => {
  const { result } = await shareWishlistWorkflow(req.scope).run({ input: { wishlist_id: req.params.id, ...actorOf(req), expires_in: req.validatedBody.expires_in } })
  res.status(201).json({ token: result.token, path: `/store/shared-wishlists/${result.token}`, expires_at: result.expires_at })
}

/** DELETE /store/wishlists/:id/share: every share link of the list stops working. */
export const DELETE = async (req: MedusaRequest, res: MedusaResponse) => {
  const { result } = await revokeWishlistSharesWorkflow(req.scope).run({ input: { wishlist_id: req.params.id, ...actorOf(req) } })
  res.json({ revoked: result })
}
