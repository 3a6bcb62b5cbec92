import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"

/** The item is on this list (an item of another list cannot be reached through it). */
export const checkWishlistItemStep = createStep(
  "check-wishlist-item",
  async (input: { item_ids: string[]; item_id: string }) => {
    if (!input.item_ids.includes(input.item_id)) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Wishlist item with id: ${input.item_id} was not found`)
    }
    return new StepResponse([input.item_id])
  }
)
