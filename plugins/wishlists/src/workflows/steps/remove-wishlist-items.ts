import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { WISHLISTS_MODULE } from "../../modules/wishlists"
import type WishlistsModuleService from "../../modules/wishlists/service"

/** Takes items off a list (soft; put back when undone). */
export const removeWishlistItemsStep = createStep(
  "remove-wishlist-items",
  async (ids: string[], { container }) => {
    await container.resolve<WishlistsModuleService>(WISHLISTS_MODULE).softDeleteWishlistItems(ids)
    return new StepResponse(ids, ids)
  },
  async (ids, { container }) => {
    if (ids?.length) await container.resolve<WishlistsModuleService>(WISHLISTS_MODULE).restoreWishlistItems(ids)
  }
)
