import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { WISHLISTS_MODULE } from "../../modules/wishlists"
import type WishlistsModuleService from "../../modules/wishlists/service"

type Alert = {
  kind: "back_in_stock" | "price_drop"
  in_stock: boolean | null
  currency_code: string | null
  region_id: string | null
  saved_amount: number | null
  reference_amount: number | null
}

type Item = {
  id: string
  variant_id: string
  product_id: string
  quantity: number
  note: string | null
  added_price: number | null
  added_currency_code: string | null
  alerts: Alert[]
}

/**
 * Moves a guest list's items (with their alerts, which keep what they know) into the customer's
 * default list, leaving out variants already on it, then deletes the guest list (its token
 * stops working). Undone by removing the moved items and restoring the guest list.
 */
export const claimGuestWishlistStep = createStep(
  "claim-guest-wishlist",
  async (input: { guest_wishlist_id: string; guest_items: Item[]; target_wishlist_id: string }, { container }) => {
    const service = container.resolve<WishlistsModuleService>(WISHLISTS_MODULE)
    const present = new Set((await service.listWishlistItems({ wishlist_id: input.target_wishlist_id }, { select: ["variant_id"] })).map((i) => i.variant_id))
    const moving = input.guest_items.filter((i) => !present.has(i.variant_id))
    const created = moving.length
      ? await service.createWishlistItems(
          moving.map((i) => ({
            wishlist_id: input.target_wishlist_id,
            variant_id: i.variant_id,
            product_id: i.product_id,
            quantity: i.quantity,
            note: i.note,
            added_price: i.added_price,
            added_currency_code: i.added_currency_code,
          }))
        )
      : []
    const alerts = created.flatMap((item, n) => moving[n].alerts.map((a) => ({ ...a, item_id: item.id })))
    if (alerts.length) {
      await service.createWishlistAlerts(alerts)
    }
    await service.softDeleteWishlists(input.guest_wishlist_id)
    return new StepResponse({ merged: created.length, skipped: input.guest_items.length - created.length }, { created: created.map((c) => c.id), guest: input.guest_wishlist_id })
  },
  async (undo, { container }) => {
    if (!undo) return
    const service = container.resolve<WishlistsModuleService>(WISHLISTS_MODULE)
    if (undo.created.length) await service.deleteWishlistItems(undo.created)
    await service.restoreWishlists(undo.guest)
  }
)
