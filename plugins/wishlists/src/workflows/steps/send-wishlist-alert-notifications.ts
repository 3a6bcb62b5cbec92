import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { WISHLISTS_MODULE } from "../../modules/wishlists"
import type { FiredAlert } from "../../modules/wishlists/service"
import type WishlistsModuleService from "../../modules/wishlists/service"

export const ALERT_TEMPLATES = {
  back_in_stock: "keel-wishlist-back-in-stock",
  price_drop: "keel-wishlist-price-drop",
} as const

/**
 * One notification per fired alert, on the `email` channel of the Notification Module, to the
 * list's owner. Its idempotency key is the alert and its count of alerts sent, so a retry of the
 * same change (after a failure undid the check) does not send it twice.
 */
export const sendWishlistAlertNotificationsStep = createStep("send-wishlist-alert-notifications", async (fired: FiredAlert[], { container }) => {
  if (!fired.length) {
    return new StepResponse({ sent: 0 })
  }
  const service = container.resolve<WishlistsModuleService>(WISHLISTS_MODULE)
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const items = await service.listWishlistItems({ id: [...new Set(fired.map((f) => f.item_id))] }, { relations: ["wishlist"], take: null })
  const itemById = new Map(items.map((i) => [i.id, i]))
  const customerIds = [...new Set(items.map((i) => i.wishlist?.customer_id).filter((id): id is string => !!id))]
  const variantIds = [...new Set(items.map((i) => i.variant_id))]
  const [{ data: customers }, { data: variants }] = await Promise.all([
    query.graph({ entity: "customer", fields: ["id", "email", "first_name"], filters: { id: customerIds } }),
    query.graph({ entity: "product_variant", fields: ["id", "title", "sku", "product.id", "product.title", "product.handle", "product.thumbnail"], filters: { id: variantIds } }),
  ])
  const customerById = new Map((customers as { id: string; email: string; first_name: string | null }[]).map((c) => [c.id, c]))
  const variantById = new Map(
    (variants as { id: string; title: string | null; sku: string | null; product?: { id: string; title: string; handle: string; thumbnail: string | null } | null }[]).map((v) => [v.id, v])
  )

  const notifications = fired.flatMap((alert) => {
    const item = itemById.get(alert.item_id)
    const customer = item?.wishlist?.customer_id ? customerById.get(item.wishlist.customer_id) : undefined
    const variant = item ? variantById.get(item.variant_id) : undefined
    if (!item || !customer?.email || !variant) return []
    return [
      {
        to: customer.email,
        channel: "email",
        template: ALERT_TEMPLATES[alert.kind],
        receiver_id: customer.id,
        resource_id: item.id,
        resource_type: "keel_wishlist_item",
        idempotency_key: `keel-wishlist-alert:${alert.alert_id}:${alert.notifications}`,
        data: {
          customer: { first_name: customer.first_name },
          wishlist: { id: item.wishlist!.id, name: item.wishlist!.name },
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
  if (notifications.length) {
    await container.resolve(Modules.NOTIFICATION).createNotifications(notifications)
  }
  return new StepResponse({ sent: notifications.length })
})

