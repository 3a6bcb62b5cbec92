import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { hashToken } from "../../lib/tokens"
import { WISHLISTS_MODULE } from "../../modules/wishlists"
import type WishlistsModuleService from "../../modules/wishlists/service"

/** Who is asking: a logged-in customer, or the holder of a guest list's token. */
export type WishlistActor = { customer_id?: string | null; guest_token?: string | null }

/**
 * The list, if the actor owns it: the customer whose list it is, or whoever holds its guest
 * token. Anyone else is told it does not exist (404), so ids cannot be probed.
 */
export const findWishlistStep = createStep("find-wishlist", async (input: { wishlist_id: string } & WishlistActor, { container }) => {
  const service = container.resolve<WishlistsModuleService>(WISHLISTS_MODULE)
  const [wishlist] = await service.listWishlists({ id: input.wishlist_id }, { relations: ["items", "items.alerts"] })
  const owns =
    !!wishlist &&
    ((!!input.customer_id && wishlist.customer_id === input.customer_id) ||
      (!!input.guest_token && !wishlist.customer_id && wishlist.guest_token_hash === hashToken(input.guest_token)))
  if (!owns) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Wishlist with id: ${input.wishlist_id} was not found`)
  }
  return new StepResponse(wishlist)
})
