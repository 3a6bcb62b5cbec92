import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { AlertKind } from "../../lib/alert-rules"
import { WISHLISTS_MODULE } from "../../modules/wishlists"
import type WishlistsModuleService from "../../modules/wishlists/service"
import type { CheckedVariant } from "./check-wishlist-variant"

export type AddWishlistItemInput = {
  wishlist_id: string
  variant: CheckedVariant
  quantity?: number
  note?: string | null
  alert_back_in_stock?: boolean
  alert_price_drop?: boolean
}

type Undo = {
  created: string | null
  previous: { id: string; quantity: number; note: string | null } | null
  alerts_created: string[]
  alerts_removed: string[]
}

/** The state a new alert starts from: what the shopper sees as they ask. */
export function initialAlert(kind: AlertKind, variant: Pick<CheckedVariant, "availability" | "amount" | "price_context">) {
  return kind === "back_in_stock"
    ? { kind, in_stock: variant.availability === null || variant.availability > 0 }
    : {
        kind,
        currency_code: variant.price_context.currency_code,
        region_id: variant.price_context.region_id,
        saved_amount: variant.amount,
        reference_amount: variant.amount,
      }
}

/**
 * Puts a variant on a list with the price the shopper sees; the same variant again updates its
 * line instead of adding a second. Alerts asked for start from what the shopper sees now; an
 * alert switched off is removed; one already there keeps what it knows.
 */
export const addWishlistItemStep = createStep(
  "add-wishlist-item",
  async (input: AddWishlistItemInput, { container }) => {
    const service = container.resolve<WishlistsModuleService>(WISHLISTS_MODULE)
    const { variant } = input
    const [existing] = await service.listWishlistItems({ wishlist_id: input.wishlist_id, variant_id: variant.variant_id }, { relations: ["alerts"] })
    const fields = {
      quantity: input.quantity ?? existing?.quantity ?? 1,
      note: input.note === undefined ? existing?.note ?? null : input.note,
    }
    const undo: Undo = { created: null, previous: null, alerts_created: [], alerts_removed: [] }
    let itemId: string
    if (existing) {
      await service.updateWishlistItems({ id: existing.id, ...fields })
      undo.previous = { id: existing.id, quantity: existing.quantity, note: existing.note ?? null }
      itemId = existing.id
    } else {
      const item = await service.createWishlistItems({
        wishlist_id: input.wishlist_id,
        variant_id: variant.variant_id,
        product_id: variant.product_id,
        added_price: variant.amount,
        added_currency_code: variant.amount === null ? null : variant.price_context.currency_code,
        ...fields,
      })
      undo.created = item.id
      itemId = item.id
    }
    const current = new Map((existing?.alerts ?? []).map((a) => [a.kind as AlertKind, a.id]))
    const wanted: [AlertKind, boolean | undefined][] = [
      ["back_in_stock", input.alert_back_in_stock],
      ["price_drop", input.alert_price_drop],
    ]
    const toCreate = wanted.filter(([kind, on]) => on === true && !current.has(kind)).map(([kind]) => ({ item_id: itemId, ...initialAlert(kind, variant) }))
    const toRemove = wanted.filter(([kind, on]) => on === false && current.has(kind)).map(([kind]) => current.get(kind)!)
    if (toCreate.length) {
      undo.alerts_created = (await service.createWishlistAlerts(toCreate)).map((a) => a.id)
    }
    if (toRemove.length) {
      await service.softDeleteWishlistAlerts(toRemove)
      undo.alerts_removed = toRemove
    }
    return new StepResponse({ id: itemId, created: !existing }, undo)
  },
  async (undo, { container }) => {
    if (!undo) return
    const service = container.resolve<WishlistsModuleService>(WISHLISTS_MODULE)
    if (undo.alerts_created.length) await service.deleteWishlistAlerts(undo.alerts_created)
    if (undo.alerts_removed.length) await service.restoreWishlistAlerts(undo.alerts_removed)
    if (undo.created) await service.deleteWishlistItems(undo.created)
    if (undo.previous) await service.updateWishlistItems(undo.previous)
  }
)
