import { MedusaError } from "@medusajs/framework/utils"
import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { presentWishlist } from "../../../lib/present"
import { WISHLISTS_MODULE } from "../../../modules/wishlists"
import type WishlistsModuleService from "../../../modules/wishlists/service"
import { createWishlistWorkflow } from "../../../workflows/wishlists"
import { actorOf, salesChannelOf } from "../../actor"
import type { StoreCreateWishlistType, StoreWishlistPageType } from "../../validators"

/** GET /store/wishlists: the customer's lists (their default one is made on first use). */
export const GET = async (req: MedusaRequest<unknown, StoreWishlistPageType>, res: MedusaResponse) => {
  const { customer_id } = actorOf(req)
  const service = req.scope.resolve<WishlistsModuleService>(WISHLISTS_MODULE)
  let lists = await service.listWishlists({ customer_id: customer_id! }, { order: { is_default: "DESC", created_at: "ASC" } })
  if (!lists.length) {
    try {
      await createWishlistWorkflow(req.scope).run({ input: { customer_id, sales_channel_id: salesChannelOf(req), is_default: true } })
    } catch (error) {
      // Two first visits at once: the other one made the default list, which is what we want.
      if (!MedusaError.isMedusaError(error) || (error as MedusaError).type !== MedusaError.Types.CONFLICT) throw error
    }
    lists = await service.listWishlists({ customer_id: customer_id! })
  }
  const page = req.validatedQuery as StoreWishlistPageType
  res.json({ wishlists: await Promise.all(lists.map((l) => presentWishlist(req.scope, l, page))) })
}

/**
 * POST /store/wishlists `{ name? }`: a new list. Without a login it is a guest list, answered
 * with its secret `guest_token` (shown once): send it in `x-wishlist-token` to use the list.
 */
export const POST = async (req: MedusaRequest<StoreCreateWishlistType>, res: MedusaResponse) => {
  const { customer_id } = actorOf(req)
  const { result } = await createWishlistWorkflow(req.scope).run({
    input: { customer_id, name: req.validatedBody.name, sales_channel_id: salesChannelOf(req) },
  })
  const wishlist = await presentWishlist(req.scope, result.wishlist, { limit: 50, offset: 0 })
  res.status(201).json({ wishlist, ...(result.guest_token ? { guest_token: result.guest_token } : {}) })
}
