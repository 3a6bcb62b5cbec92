import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { WISHLISTS_MODULE } from "../../modules/wishlists"
import type WishlistsModuleService from "../../modules/wishlists/service"

export type AddWishlistItemInput = {
  wishlist_id: string
  variant_id: string
  product_id: string
  quantity?: number
  note?: string | null
  alert_back_in_stock?: boolean
  alert_price_drop?: boolean
}

type Undo = {
  created: string | null
  previous: { id: string; quantity: number; note: string | null; alert_back_in_stock: boolean; alert_price_drop: boolean } | null
}

/** Puts a variant on a list; the same variant again updates its line instead of adding a second. */
export const addWishlistItemStep = createStep(
  "add-wishlist-item",
  async (input: AddWishlistItemInput, { container }) => {
    const service = container.resolve<WishlistsModuleService>(WISHLISTS_MODULE)
    const [existing] = await service.listWishlistItems({ wishlist_id: input.wishlist_id, variant_id: input.variant_id })
    const fields = {
      quantity: input.quantity ?? existing?.quantity ?? 1,
      note: input.note === undefined ? existing?.note ?? null : input.note,
      alert_back_in_stock: input.alert_back_in_stock ?? existing?.alert_back_in_stock ?? false,
      alert_price_drop: input.alert_price_drop ?? existing?.alert_price_drop ?? false,
    }
    if (existing) {
      const item = await service.updateWishlistItems({ id: existing.id, ...fields })
      const { id, quantity, note, alert_back_in_stock, alert_price_drop } = existing
      return new StepResponse(item, { created: null, previous: { id, quantity, note, alert_back_in_stock, alert_price_drop } } as Undo)
    }
    const item = await service.createWishlistItems({ wishlist_id: input.wishlist_id, variant_id: input.variant_id, product_id: input.product_id, ...fields })
    return new StepResponse(item, { created: item.id, previous: null } as Undo)
  },
  async (undo, { container }) => {
    if (!undo) return
    const service = container.resolve<WishlistsModuleService>(WISHLISTS_MODULE)
    if (undo.created) await service.deleteWishlistItems(undo.created)
    if (undo.previous) await service.updateWishlistItems(undo.previous)
  }
)
