import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { AlertKind, AlertReading } from "../../lib/alert-rules"
import { readVariants, resolvePriceContext, type PriceContext, type ReadingRequest } from "../../lib/readings"
import { WISHLISTS_MODULE } from "../../modules/wishlists"
import type WishlistsModuleService from "../../modules/wishlists/service"

export type ReadWishlistAlertsInput = { variant_ids: string[]; kinds?: AlertKind[] }

/**
 * The alerts on these variants, each with what the shop says now: availability in its list's
 * sales channel, price in its currency. Only customers' lists are checked: a guest list's
 * alerts wait, with what they knew, until the list is claimed (a guest has no address to tell).
 */
export const readWishlistAlertsStep = createStep("read-wishlist-alerts", async (input: ReadWishlistAlertsInput, { container }) => {
  if (!input.variant_ids.length) {
    return new StepResponse({ readings: [] as { alert_id: string; reading: AlertReading }[] })
  }
  const service = container.resolve<WishlistsModuleService>(WISHLISTS_MODULE)
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const alerts = await service.listWishlistAlerts(
    {
      ...(input.kinds ? { kind: input.kinds } : {}),
      item: { variant_id: input.variant_ids, wishlist: { customer_id: { $ne: null } } },
    },
    { relations: ["item", "item.wishlist"], take: null }
  )
  // A price-drop alert made before alerts kept their currency reads the store's default.
  let storeDefault: PriceContext | undefined
  const requests = new Map<string, ReadingRequest>()
  for (const alert of alerts) {
    if (!alert.item?.wishlist) continue
    let price: PriceContext | null = null
    if (alert.kind === "price_drop") {
      price = alert.currency_code
        ? { currency_code: alert.currency_code, region_id: alert.region_id ?? null }
        : (storeDefault ??= await resolvePriceContext(query, {}))
    }
    requests.set(alert.id, { variant_id: alert.item.variant_id, sales_channel_id: alert.item.wishlist.sales_channel_id, price })
  }
  const read = await readVariants(query, [...requests.values()])
  return new StepResponse({
    readings: [...requests].map(([alert_id, request]) => ({ alert_id, reading: { ...read(request), currency_code: request.price?.currency_code ?? null } })),
  })
})
