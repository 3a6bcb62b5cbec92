import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { observeJson } from "@keel/core"
import { ANALYTICS_MODULE } from "../modules/analytics"
import type AnalyticsModuleService from "../modules/analytics/service"
import { recordAnalyticsEventsWorkflow } from "../workflows/record-analytics-events"
import { countCacheAnswer } from "./cache-counter"
import { SESSION_HEADER, sessionKey, type CapturedEvent } from "./events"

// Server-side capture of the checkout steps the store API answers: the backend sees them, so
// a storefront does not have to send them (and cannot fake them). Orders and refunds come
// from Medusa's events (subscribers), searches from the search log.

type Json = Record<string, unknown>
type Cart = { id: string; currency_code?: string; total?: number; items?: { variant_id?: string; product_id?: string; unit_price?: number; quantity?: number }[] }
type Req = MedusaRequest & { auth_context?: { actor_id?: string; actor_type?: string } }

const CART = /^\/store\/carts\/([^/]+)(\/.*)?$/
const PAYMENT_SESSIONS = /^\/store\/payment-collections\/([^/]+)\/payment-sessions$/

/** Carts this process has bound to a session already (bounded, oldest forgotten first). */
const bound = new Set<string>()
function rememberBound(cartId: string) {
  bound.add(cartId)
  if (bound.size > 10_000) bound.delete(bound.values().next().value as string)
}

export function captureStoreActivity(req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) {
  const service = req.scope.resolve<AnalyticsModuleService>(ANALYTICS_MODULE)
  res.on("finish", () => {
    // The app's catalog cache, when the options name the header it tells hit or miss in.
    void service.getOptions().then(({ catalogCache }) => catalogCache && countCacheAnswer(res.getHeader(catalogCache.header)))
  })
  const path = req.originalUrl.split("?")[0]
  const method = req.method.toUpperCase()
  const interesting = method !== "GET" && (path === "/store/carts" || CART.test(path) || PAYMENT_SESSIONS.test(path))
  if (!interesting) return next()
  // The answer as the route gave it (@keel/core's one response observer; the plugin hooks no response itself).
  observeJson(res, "@keel/analytics", (body) => {
    if (res.statusCode >= 200 && res.statusCode < 300) {
      capture(req as Req, method, path, body as Json).catch((error) =>
        req.scope.resolve(ContainerRegistrationKeys.LOGGER).warn(`@keel/analytics: capturing ${method} ${path} failed: ${(error as Error).message}`)
      )
    }
  })
  next()
}

async function capture(req: Req, method: string, path: string, body: Json) {
  const service = req.scope.resolve<AnalyticsModuleService>(ANALYTICS_MODULE)
  const header = sessionKey(req.get(SESSION_HEADER))
  const customer = req.auth_context?.actor_type === "customer" ? req.auth_context.actor_id ?? null : null
  const input = (req.body ?? {}) as Json
  const events: CapturedEvent[] = []

  const cartMatch = CART.exec(path)
  let cartId = path === "/store/carts" ? ((body.cart as Cart | undefined)?.id ?? null) : cartMatch?.[1] ?? null
  const paymentMatch = PAYMENT_SESSIONS.exec(path)
  if (paymentMatch) {
    const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
    const { data } = await query.graph({ entity: "cart_payment_collection", fields: ["cart_id"], filters: { payment_collection_id: paymentMatch[1] } })
    cartId = (data[0] as { cart_id?: string } | undefined)?.cart_id ?? null
  }
  if (cartId && header && !bound.has(cartId)) {
    await service.bindCartSession(cartId, header)
    rememberBound(cartId)
  }
  const session = header ?? (cartId ? await service.sessionOfCart(cartId) : null)
  const base = { session_id: session, customer_id: customer, source: "server" as const }
  const cart = body.cart as Cart | undefined
  const rest = cartMatch?.[2] ?? ""

  if (cartMatch && method === "POST" && rest === "/line-items" && cart) {
    const variantId = input.variant_id as string | undefined
    const line = cart.items?.find((i) => i.variant_id === variantId)
    events.push({
      ...base,
      name: "Product Added",
      properties: { cart_id: cart.id, product_id: line?.product_id ?? null, variant_id: variantId ?? null, quantity: Number(input.quantity ?? 1), price: line?.unit_price ?? null, currency: cart.currency_code ?? null },
    })
  } else if (cartMatch && method === "DELETE" && rest.startsWith("/line-items/")) {
    events.push({ ...base, name: "Product Removed", properties: { cart_id: cartMatch[1], line_item_id: rest.slice("/line-items/".length) } })
  } else if (cartMatch && method === "POST" && rest === "" && cart && (input.email || input.shipping_address || input.billing_address)) {
    events.push({ ...base, name: "Checkout Started", properties: { cart_id: cart.id, total: cart.total ?? null, currency: cart.currency_code ?? null }, dedupe_key: `checkout_started:${cart.id}` })
  } else if (cartMatch && method === "POST" && rest === "/shipping-methods" && cart) {
    events.push({
      ...base,
      name: "Checkout Step Completed",
      properties: { cart_id: cart.id, step: "shipping", shipping_option_id: (input.option_id as string) ?? null },
      dedupe_key: `checkout_step:shipping:${cart.id}`,
    })
  } else if (paymentMatch && cartId) {
    const provider = (input.provider_id as string) ?? null
    events.push(
      { ...base, name: "Checkout Step Completed", properties: { cart_id: cartId, step: "payment" }, dedupe_key: `checkout_step:payment:${cartId}` },
      { ...base, name: "Payment Info Entered", properties: { cart_id: cartId, payment_provider: provider }, dedupe_key: `payment_info:${cartId}:${provider}` }
    )
  }
  if (events.length) {
    await recordAnalyticsEventsWorkflow(req.scope).run({ input: events })
  }
}
