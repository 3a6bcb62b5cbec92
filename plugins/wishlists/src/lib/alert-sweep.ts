import type { MedusaContainer } from "@medusajs/framework/types"
import type { AlertKind } from "./alert-rules"
import { WISHLISTS_MODULE } from "../modules/wishlists"
import type WishlistsModuleService from "../modules/wishlists/service"
import { checkWishlistAlertsWorkflow } from "../workflows/check-wishlist-alerts"

const CHUNK = 200

/** Runs the check for these variants, CHUNK variants per workflow run so no run grows with the shop. */
export async function checkWishlistAlertsInChunks(container: MedusaContainer, variantIds: string[], kinds?: AlertKind[]) {
  let sent = 0
  for (let i = 0; i < variantIds.length; i += CHUNK) {
    const { result } = await checkWishlistAlertsWorkflow(container).run({ input: { variant_ids: variantIds.slice(i, i + CHUNK), kinds } })
    sent += result.sent.sent
  }
  return sent
}

/** Every variant that has an alert on it, a page at a time. */
export async function checkAllWishlistAlerts(container: MedusaContainer) {
  const service = container.resolve<WishlistsModuleService>(WISHLISTS_MODULE)
  const variantIds = new Set<string>()
  for (let skip = 0; ; skip += 1000) {
    const page = await service.listWishlistAlerts({}, { relations: ["item"], select: ["id", "item.variant_id"], take: 1000, skip, order: { id: "ASC" } })
    page.forEach((a) => a.item && variantIds.add(a.item.variant_id))
    if (page.length < 1000) break
  }
  return checkWishlistAlertsInChunks(container, [...variantIds].sort())
}
