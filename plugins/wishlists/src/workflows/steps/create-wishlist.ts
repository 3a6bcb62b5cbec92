import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { hashToken, newToken } from "../../lib/tokens"
import { WISHLISTS_MODULE } from "../../modules/wishlists"
import type WishlistsModuleService from "../../modules/wishlists/service"

export type CreateWishlistInput = { customer_id?: string | null; name?: string; sales_channel_id: string; is_default?: boolean }

/**
 * A new list. For a customer, their first list is their default one; for a guest, a secret
 * token is made and returned once (only its hash is kept).
 */
export const createWishlistStep = createStep(
  "create-wishlist",
  async (input: CreateWishlistInput, { container }) => {
    const service = container.resolve<WishlistsModuleService>(WISHLISTS_MODULE)
    const guestToken = input.customer_id ? null : newToken()
    let isDefault = !!input.is_default
    if (input.customer_id && !isDefault) {
      const [existing] = await service.listWishlists({ customer_id: input.customer_id, is_default: true }, { take: 1, select: ["id"] })
      isDefault = !existing
    }
    try {
      const wishlist = await service.createWishlists({
        customer_id: input.customer_id ?? null,
        guest_token_hash: guestToken ? hashToken(guestToken) : null,
        name: input.name?.trim() || (isDefault || !input.customer_id ? "Wishlist" : "New list"),
        sales_channel_id: input.sales_channel_id,
        is_default: !!input.customer_id && isDefault,
      })
      return new StepResponse({ wishlist, guest_token: guestToken }, wishlist.id)
    } catch (error) {
      if ((error as { code?: string; message?: string })?.code === "23505" || /already exists|duplicate/i.test((error as Error)?.message ?? "")) {
        throw new MedusaError(MedusaError.Types.CONFLICT, "The default wishlist was created at the same time; try again")
      }
      throw error
    }
  },
  async (id, { container }) => {
    if (id) {
      await container.resolve<WishlistsModuleService>(WISHLISTS_MODULE).deleteWishlists(id)
    }
  }
)
