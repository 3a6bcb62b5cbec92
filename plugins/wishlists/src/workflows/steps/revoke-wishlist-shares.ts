import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { WISHLISTS_MODULE } from "../../modules/wishlists"
import type WishlistsModuleService from "../../modules/wishlists/service"

/** Revokes every live share link of a list; undone by clearing the revocation. */
export const revokeWishlistSharesStep = createStep(
  "revoke-wishlist-shares",
  async (wishlist_id: string, { container }) => {
    const service = container.resolve<WishlistsModuleService>(WISHLISTS_MODULE)
    const live = await service.listWishlistShares({ wishlist_id, revoked_at: null }, { select: ["id"] })
    const now = new Date()
    if (live.length) await service.updateWishlistShares(live.map((s) => ({ id: s.id, revoked_at: now })))
    return new StepResponse(live.length, live.map((s) => s.id))
  },
  async (ids, { container }) => {
    if (ids?.length) await container.resolve<WishlistsModuleService>(WISHLISTS_MODULE).updateWishlistShares(ids.map((id) => ({ id, revoked_at: null })))
  }
)
