import type { MedusaContainer } from "@medusajs/framework/types"
import { germanAddress, seedShop, storeHeaders } from "./shop"

type Headers = { headers: Record<string, string> }
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the test runner's axios instance
type Api = any
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies
type Any = any

/**
 * The shop the payment suites share: seeded, an admin session, the publishable key's
 * headers, the EUR region with these payment providers enabled, and a variant to buy.
 */
export async function paymentShop(api: Api, container: MedusaContainer, providers: string[]) {
  const shop = await seedShop(container)
  const { data } = await api.post("/auth/user/emailpass", { email: shop.adminEmail, password: shop.adminPassword })
  const admin: Headers = { headers: { authorization: `Bearer ${data.token}` } }
  const store: Headers = storeHeaders(shop.publishableKey)
  const regions = await api.get("/admin/regions?fields=id,currency_code", admin)
  const regionId: string = regions.data.regions.find((r: { currency_code: string }) => r.currency_code === "eur").id
  await api.post(`/admin/regions/${regionId}`, { payment_providers: ["pp_system_default", ...providers] }, admin)
  const products = await api.get("/store/products?limit=1&fields=variants.id", store)
  const variantId: string = products.data.products[0].variants[0].id

  return {
    admin,
    store,
    regionId,
    variantId,
    /** A request whose reply is returned whatever its status; as the storefront unless headers say otherwise. */
    call(method: "get" | "post", url: string, body?: object, headers: Headers = store): Promise<{ status: number; data: Any }> {
      return method === "post"
        ? api.post(url, body, { ...headers, validateStatus: () => true })
        : api.get(url, { ...headers, validateStatus: () => true })
    },
    /** A cart ready to pay: one item, addresses, standard shipping. */
    async cartToPay(email: string): Promise<string> {
      const cart = (await api.post("/store/carts", { region_id: regionId }, store)).data.cart
      await api.post(`/store/carts/${cart.id}/line-items`, { variant_id: variantId, quantity: 1 }, store)
      await api.post(`/store/carts/${cart.id}`, { email, shipping_address: germanAddress, billing_address: germanAddress }, store)
      const options = await api.get(`/store/shipping-options?cart_id=${cart.id}`, store)
      const standard = options.data.shipping_options.find((o: { name: string }) => o.name === "Standard Shipping")
      await api.post(`/store/carts/${cart.id}/shipping-methods`, { option_id: standard.id }, store)
      return cart.id
    },
    /** A new payment session with this provider on the cart's payment collection. */
    async startSession(cartId: string, providerId: string) {
      const collection = (await api.get(`/store/carts/${cartId}?fields=payment_collection.id`, store)).data.cart.payment_collection
      const id = collection?.id ?? (await api.post("/store/payment-collections", { cart_id: cartId }, store)).data.payment_collection.id
      const created = await api.post(`/store/payment-collections/${id}/payment-sessions`, { provider_id: providerId }, store)
      return {
        total: created.data.payment_collection.amount as number,
        session: created.data.payment_collection.payment_sessions.find((s: { provider_id: string }) => s.provider_id === providerId),
      }
    },
    /** A webhook as the provider sends it (these exact body bytes and headers) to /hooks/payment/:provider. */
    deliver(provider: string, event: { body: string; headers: Record<string, string> }) {
      return api.post(`/hooks/payment/${provider}`, event.body, {
        headers: event.headers,
        transformRequest: [(body: string) => body],
        validateStatus: () => true,
      })
    },
    /** The payment providers the storefront is offered in the region. */
    async offered(): Promise<string[]> {
      const { data: offered } = await api.get(`/store/payment-providers?region_id=${regionId}`, store)
      return offered.payment_providers.map((p: { id: string }) => p.id)
    },
    /** The order's payment status and its (first) payment, as the admin sees them. */
    async orderPayment(orderId: string) {
      const { data: order } = await api.get(`/admin/orders/${orderId}?fields=payment_status,*payment_collections.payments`, admin)
      return { status: order.order.payment_status as string, payment: order.order.payment_collections[0].payments[0] }
    },
  }
}
