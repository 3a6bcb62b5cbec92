import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { ANALYTICS_MODULE } from "../modules/analytics"
import type AnalyticsModuleService from "../modules/analytics/service"
import type { CapturedEvent } from "./events"

// Events built from Medusa's own records after its events say something happened. Each has a
// dedupe key, so an event delivered twice is stored once.


async function sessionOfOrder(container: MedusaContainer, orderId: string): Promise<string | null> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity: "order_cart", fields: ["cart_id"], filters: { order_id: orderId } })
  const cartId = (data[0] as { cart_id?: string } | undefined)?.cart_id
  return cartId ? container.resolve<AnalyticsModuleService>(ANALYTICS_MODULE).sessionOfCart(cartId) : null
}

/** "Order Completed" for a placed order: its totals, currency and lines (no addresses, no e-mail). */
export async function orderCompleted(container: MedusaContainer, orderId: string): Promise<CapturedEvent[]> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "order",
    fields: ["id", "created_at", "customer_id", "currency_code", "total", "subtotal", "tax_total", "shipping_total", "discount_total", "items.product_id", "items.variant_id", "items.quantity", "items.unit_price"],
    filters: { id: orderId },
  })
  const order = data[0] as
    | { id: string; created_at: string | Date; customer_id: string | null; currency_code: string; total: unknown; subtotal: unknown; tax_total: unknown; shipping_total: unknown; discount_total: unknown; items?: { product_id: string | null; variant_id: string | null; quantity: unknown; unit_price: unknown }[] }
    | undefined
  if (!order) return []
  return [
    {
      name: "Order Completed",
      session_id: await sessionOfOrder(container, order.id),
      customer_id: order.customer_id,
      source: "server",
      occurred_at: new Date(order.created_at),
      dedupe_key: `order_completed:${order.id}`,
      properties: {
        order_id: order.id,
        total: Number(order.total),
        subtotal: Number(order.subtotal),
        tax: Number(order.tax_total),
        shipping: Number(order.shipping_total),
        discount: Number(order.discount_total),
        currency: order.currency_code,
        products: (order.items ?? []).map((i) => ({ product_id: i.product_id, variant_id: i.variant_id, quantity: Number(i.quantity), price: Number(i.unit_price) })),
      },
    },
  ]
}

/** "Order Refunded" for each refund of the payment (each refund once). */
export async function ordersRefunded(container: MedusaContainer, paymentId: string): Promise<CapturedEvent[]> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "payment",
    fields: ["id", "currency_code", "payment_collection_id", "refunds.id", "refunds.amount", "refunds.created_at"],
    filters: { id: paymentId },
  })
  const payment = data[0] as { currency_code: string; payment_collection_id: string; refunds?: { id: string; amount: unknown; created_at: string | Date }[] } | undefined
  if (!payment?.refunds?.length) return []
  const { data: links } = await query.graph({ entity: "order_payment_collection", fields: ["order_id"], filters: { payment_collection_id: payment.payment_collection_id } })
  const orderId = (links[0] as { order_id?: string } | undefined)?.order_id ?? null
  const { data: orders } = orderId ? await query.graph({ entity: "order", fields: ["customer_id"], filters: { id: orderId } }) : { data: [] }
  const session = orderId ? await sessionOfOrder(container, orderId) : null
  return payment.refunds.map((r) => ({
    name: "Order Refunded" as const,
    session_id: session,
    customer_id: (orders[0] as { customer_id?: string } | undefined)?.customer_id ?? null,
    source: "server" as const,
    occurred_at: new Date(r.created_at),
    dedupe_key: `refund:${r.id}`,
    properties: { order_id: orderId, refund_id: r.id, total: Number(r.amount), currency: payment.currency_code },
  }))
}

