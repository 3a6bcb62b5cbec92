import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { WISHLISTS_MODULE } from "../../modules/wishlists"
import type { FiredAlert } from "../../modules/wishlists/service"
import type WishlistsModuleService from "../../modules/wishlists/service"
import { LINKED_VARIANT_FIELDS } from "../../lib/present"

export const ALERT_TEMPLATES = {
  back_in_stock: "keel-wishlist-back-in-stock",
  price_drop: "keel-wishlist-price-drop",
} as const

type AlertItemRow = {
  id: string
  quantity: number
  wishlist?: { id: string; name: string; customer?: { id: string; email: string | null; first_name: string | null } | null } | null
  product_variant?: {
    id: string
    title: string | null
    sku: string | null
    product?: { id: string; title: string; handle: string; thumbnail: string | null } | null
  } | null
}

/**
 * One notification per fired alert, on the `email` channel, to the list's owner, written to the
 * outbox (`keel_wishlist_notification`) in the run that fired it: delivery follows, and is
 * retried until it succeeds (lib/notification-delivery.ts). Its key is the alert and its count of
 * alerts fired, so a change announced again (after a failure undid the check) is queued once.
 * Undone by deleting the rows it wrote.
 */
export const queueWishlistAlertNotificationsStep = createStep(
  "queue-wishlist-alert-notifications",
  async (fired: FiredAlert[], { container }) => {
  if (!fired.length) {
    return new StepResponse([] as string[], [] as string[])
  }
  const service = container.resolve<WishlistsModuleService>(WISHLISTS_MODULE)
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  // One query: each item with its list, the list's owner (read-only wishlist-customer link) and
  // the item's variant with its product (read-only item-variant link).
  const { data } = await query.graph({
    entity: "keel_wishlist_item",
    fields: [
      "id",
      "quantity",
      "wishlist.id",
      "wishlist.name",
      "wishlist.customer.id",
      "wishlist.customer.email",
      "wishlist.customer.first_name",
      ...LINKED_VARIANT_FIELDS,
    ],
    filters: { id: [...new Set(fired.map((f) => f.item_id))] },
  })
  const itemById = new Map((data as AlertItemRow[]).map((i) => [i.id, i]))

  const notifications = fired.flatMap((alert) => {
    const item = itemById.get(alert.item_id)
    const customer = item?.wishlist?.customer
    const variant = item?.product_variant
    if (!item?.wishlist || !customer?.email || !variant) return []
    return [
      {
        to: customer.email,
        channel: "email",
        template: ALERT_TEMPLATES[alert.kind],
        receiver_id: customer.id,
        alert_id: alert.alert_id,
        item_id: item.id,
        kind: alert.kind,
        idempotency_key: `keel-wishlist-alert:${alert.alert_id}:${alert.notifications}`,
        data: {
          customer: { first_name: customer.first_name },
          wishlist: { id: item.wishlist.id, name: item.wishlist.name },
          item: { id: item.id, quantity: item.quantity },
          product: variant.product ? { id: variant.product.id, title: variant.product.title, handle: variant.product.handle, thumbnail: variant.product.thumbnail } : null,
          variant: { id: variant.id, title: variant.title, sku: variant.sku },
          ...(alert.kind === "price_drop"
            ? { price: { amount: alert.amount, previous_amount: alert.previous_amount, currency_code: alert.currency_code } }
            : {}),
        },
      },
    ]
  })
  // A key queued before (the same change seen twice) is not queued again.
  const keys = notifications.map((n) => n.idempotency_key)
  const queued = new Set((await service.listWishlistNotifications({ idempotency_key: keys }, { select: ["idempotency_key"] })).map((n) => n.idempotency_key))
  const fresh = notifications.filter((n) => !queued.has(n.idempotency_key))
  const now = new Date()
  const created = fresh.length ? await service.createWishlistNotifications(fresh.map((n) => ({ ...n, next_attempt_at: now }))) : []
  const ids = created.map((row) => row.id)
  return new StepResponse(ids, ids)
  },
  async (ids, { container }) => {
    if (ids?.length) await container.resolve<WishlistsModuleService>(WISHLISTS_MODULE).deleteWishlistNotifications(ids)
  }
)

