import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { presentWishlist } from "../../../../lib/present"
import { hashToken } from "../../../../lib/tokens"
import { WISHLISTS_MODULE } from "../../../../modules/wishlists"
import type WishlistsModuleService from "../../../../modules/wishlists/service"
import type { StoreWishlistPageType } from "../../../validators"

/**
 * GET /store/shared-wishlists/:token: a shared list, read-only, for anyone with the link until
 * it expires or is revoked. The list's name and items only: nothing about its owner.
 */
export const GET = async (req: MedusaRequest<unknown, StoreWishlistPageType>, res: MedusaResponse) => {
  const service = req.scope.resolve<WishlistsModuleService>(WISHLISTS_MODULE)
  const [share] = await service.listWishlistShares({ token_hash: hashToken(req.params.token) }, { relations: ["wishlist"] })
  const usable = share && !share.revoked_at && (!share.expires_at || new Date(share.expires_at) > new Date()) && share.wishlist
  if (!usable) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, "This shared wishlist does not exist or is no longer shared")
  }
  const wishlist = await presentWishlist(req.scope, share.wishlist, req.validatedQuery as StoreWishlistPageType)
  res.json({ wishlist: { name: wishlist.name, items: wishlist.items, count: wishlist.count, limit: wishlist.limit, offset: wishlist.offset } })
}
