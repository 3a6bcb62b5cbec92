import { seedShop, storeHeaders } from "./shop"

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the test runner's axios instance and response bodies
type Any = any
export type Headers = Record<string, string>
export type Reply = { status: number; data: Any; headers: Headers }

/** A request whose reply is returned whatever its status. */
export function caller(api: Any, defaults: () => Headers) {
  return (method: "get" | "post" | "patch" | "delete", url: string, body?: unknown, headers: Headers = defaults()): Promise<Reply> => {
    const config = { headers, validateStatus: () => true }
    if (method === "get" || method === "delete") {
      return api[method](url, config)
    }
    return method === "post" ? api.post(url, body, config) : api.request({ method: "patch", url, data: body, ...config })
  }
}

/** A new customer, registered and logged in: their store headers (bearer token) and id. */
export async function newCustomer(api: Any, store: Headers, name: string, email = `${name.toLowerCase()}@example.com`) {
  const password = "a-long-enough-password"
  const registered = await api.post("/auth/customer/emailpass/register", { email, password })
  const created = await api.post("/store/customers", { email, first_name: name, last_name: "Tester" }, { headers: { ...store, authorization: `Bearer ${registered.data.token}` } })
  const login = await api.post("/auth/customer/emailpass", { email, password })
  return { headers: { ...store, authorization: `Bearer ${login.data.token}` } as Headers, id: created.data.customer.id as string }
}

/** The seeded shop with an admin session: the storefront's and the admin's headers, and the EUR region. */
export async function shopSession(api: Any, container: Parameters<typeof seedShop>[0]) {
  const shop = await seedShop(container)
  const store = storeHeaders(shop.publishableKey).headers as Headers
  const login = await api.post("/auth/user/emailpass", { email: shop.adminEmail, password: shop.adminPassword })
  const admin: Headers = { authorization: `Bearer ${login.data.token}` }
  const regions = await api.get("/admin/regions?fields=id,currency_code", { headers: admin })
  const regionId: string = regions.data.regions.find((r: { currency_code: string }) => r.currency_code === "eur").id
  return { store, admin, regionId }
}
