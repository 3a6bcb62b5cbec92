import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { WISHLISTS_MODULE } from "../../modules/wishlists"
import type WishlistsModuleService from "../../modules/wishlists/service"

/** Deletes a list with its items and share links (soft; restored when undone). */
export const deleteWishlistStep = createStep(
  "delete-wishlist",
  async (id: string, { container }) => {
    await container.resolve<WishlistsModuleService>(WISHLISTS_MODULE).softDeleteWishlists(id)
    return new StepResponse(id, id)
  },
  async (id, { container }) => {
    if (id) {
      await container.resolve<WishlistsModuleService>(WISHLISTS_MODULE).restoreWishlists(id)
    }
  }
)
