import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { hashToken, newToken } from "../../lib/tokens"
import { WISHLISTS_MODULE } from "../../modules/wishlists"
import type WishlistsModuleService from "../../modules/wishlists/service"

/** A share link for a list: the token is returned once, its hash kept with the expiry. */
export const createWishlistShareStep = createStep(
  "create-wishlist-share",
  async (input: { wishlist_id: string; expires_in?: number | null }, { container }) => {
    const token = newToken()
    const share = await container.resolve<WishlistsModuleService>(WISHLISTS_MODULE).createWishlistShares({
      wishlist_id: input.wishlist_id,
      token_hash: hashToken(token),
      expires_at: input.expires_in ? new Date(Date.now() + input.expires_in * 1000) : null,
    })
    return new StepResponse({ token, expires_at: share.expires_at }, share.id)
  },
  async (id, { container }) => {
    if (id) await container.resolve<WishlistsModuleService>(WISHLISTS_MODULE).deleteWishlistShares(id)
  }
)
