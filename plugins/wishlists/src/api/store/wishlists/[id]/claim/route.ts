import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { presentWishlist } from "../../../../../lib/present"
import { WISHLISTS_MODULE } from "../../../../../modules/wishlists"
import type WishlistsModuleService from "../../../../../modules/wishlists/service"
import { claimGuestWishlistWorkflow, createWishlistWorkflow } from "../../../../../workflows/wishlists"
import { actorOf, GUEST_TOKEN_HEADER, salesChannelOf } from "../../../../actor"

/**
 * POST /store/wishlists/:id/claim (logged in, with the guest list's token in x-wishlist-token):
 * the guest list's items join the customer's default list, without duplicates; the guest list
 * is then gone.
 */
export const POST = async (req: MedusaRequest, res: MedusaResponse) => {
  const { customer_id, guest_token } = actorOf(req)
  if (!guest_token) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `Send the guest list's token in the ${GUEST_TOKEN_HEADER} header`)
  }
  const service = req.scope.resolve<WishlistsModuleService>(WISHLISTS_MODULE)
  let [target] = await service.listWishlists({ customer_id: customer_id!, is_default: true })
  if (!target) {
    const { result } = await createWishlistWorkflow(req.scope).run({ input: { customer_id, sales_channel_id: salesChannelOf(req), is_default: true } })
    target = result.wishlist
  }
  const { result } = await claimGuestWishlistWorkflow(req.scope).run({
    input: { wishlist_id: req.params.id, guest_token, customer_id: customer_id!, sales_channel_id: target.sales_channel_id, default_wishlist_id: target.id },
  })
  res.json({ merged: result.merged, skipped: result.skipped, wishlist: await presentWishlist(req.scope, target, { limit: 50, offset: 0 }) })
}
