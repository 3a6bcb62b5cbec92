import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { WISHLISTS_MODULE } from "../../modules/wishlists"
import type WishlistsModuleService from "../../modules/wishlists/service"

/** Renames a list; undone by putting the old name back. */
export const updateWishlistStep = createStep(
  "update-wishlist",
  async (input: { id: string; name: string }, { container }) => {
    const service = container.resolve<WishlistsModuleService>(WISHLISTS_MODULE)
    const [before] = await service.listWishlists({ id: input.id }, { select: ["id", "name"] })
    const updated = await service.updateWishlists({ id: input.id, name: input.name.trim() })
    return new StepResponse(updated, { id: input.id, name: before.name })
  },
  async (previous, { container }) => {
    if (previous) {
      await container.resolve<WishlistsModuleService>(WISHLISTS_MODULE).updateWishlists(previous)
    }
  }
)
