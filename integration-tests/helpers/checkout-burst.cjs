// A flash sale driven over HTTP, shared by integration-tests/e2e/flash-sale.spec.ts and
// bench/flash-sale: a sale product (its own inventory items, set through the admin API),
// shoppers whose carts are ready to complete (address, shipping, a payment session), a burst of
// simultaneous completions, and the database's view of what came out of it.
// CommonJS so that both jest (TypeScript) and the bench (ESM) load it as it is.
"use strict"

const address = {
  first_name: "Flash",
  last_name: "Shopper",
  address_1: "Elbchaussee 1",
  city: "Hamburg",
  postal_code: "22763",
  country_code: "de",
}

async function call(base, method, route, { body, headers = {} } = {}) {
  const started = performance.now()
  const res = await fetch(`${base}${route}`, {
    method,
    headers: { ...(body === undefined ? {} : { "content-type": "application/json" }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await res.text()
  let data
  try {
    data = JSON.parse(text)
  } catch {
    data = { raw: text }
  }
  return { status: res.status, data, ms: performance.now() - started }
}

async function ok(base, method, route, options) {
  const reply = await call(base, method, route, options)
  if (reply.status >= 300) {
    throw new Error(`${method} ${route} answered ${reply.status}: ${JSON.stringify(reply.data).slice(0, 500)}`)
  }
  return reply.data
}

/** Runs `task` over `items` with at most `limit` at a time. */
async function pool(items, limit, task) {
  const results = new Array(items.length)
  let next = 0
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const index = next++
        results[index] = await task(items[index], index)
      }
    })
  )
  return results
}

/** An admin session against a running server. */
async function adminSession(base, email, password) {
  const { token } = await ok(base, "POST", "/auth/user/emailpass", { body: { email, password } })
  const headers = { authorization: `Bearer ${token}` }
  const admin = (method, route, body) => ok(base, method, route, { body, headers })
  const [{ stock_locations: locations }, { shipping_profiles: profiles }, { regions }, { sales_channels: channels }] = await Promise.all([
    admin("GET", "/admin/stock-locations?fields=id,name"),
    admin("GET", "/admin/shipping-profiles?fields=id"),
    admin("GET", "/admin/regions?fields=id,currency_code"),
    admin("GET", "/admin/sales-channels?fields=id,name"),
  ])
  return {
    admin,
    headers,
    locationId: locations[0].id,
    shippingProfileId: profiles[0].id,
    regionId: regions.find((r) => r.currency_code === "eur").id,
    salesChannelIds: channels.map((c) => c.id),
  }
}

/**
 * A sale product: one variant per entry of `variants`, each drawing `units` of the inventory
 * item `item` ("a", "b", …). Items are created with `stock[item]` units at the shop's location.
 * Returns the variant ids by title and the inventory item ids by name.
 */
async function createSaleProduct(session, { title, variants, stock }) {
  const { admin, locationId } = session
  const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`
  const items = {}
  for (const [name, quantity] of Object.entries(stock)) {
    const { inventory_item } = await admin("POST", "/admin/inventory-items", {
      sku: `flash-${suffix}-${name}`,
      title: `${title} ${name}`,
      location_levels: [{ location_id: locationId, stocked_quantity: quantity }],
    })
    items[name] = inventory_item.id
  }
  const { product } = await admin("POST", "/admin/products?fields=id,variants.id,variants.title", {
    title,
    handle: `flash-${suffix}`,
    status: "published",
    shipping_profile_id: session.shippingProfileId,
    sales_channels: session.salesChannelIds.map((id) => ({ id })),
    options: [{ title: "Pack", values: variants.map((v) => v.title) }],
    variants: variants.map((v) => ({
      title: v.title,
      manage_inventory: true,
      allow_backorder: false,
      options: { Pack: v.title },
      prices: [{ currency_code: "eur", amount: v.price ?? 20 }],
      inventory_items: v.draws.map((d) => ({ inventory_item_id: items[d.item], required_quantity: d.units })),
    })),
  })
  const variantIds = Object.fromEntries(product.variants.map((v) => [v.title, v.id]))
  return { productId: product.id, variantIds, inventoryItemIds: items }
}

/** Sets the stock of an inventory item at the session's location. */
async function setStock(session, inventoryItemId, quantity) {
  await session.admin("POST", `/admin/inventory-items/${inventoryItemId}/location-levels/${session.locationId}`, {
    stocked_quantity: quantity,
  })
}

/**
 * One shopper's cart, ready to complete: `items` in it, an e-mail (or a customer's token in
 * `headers`), an address, the first shipping option and a system payment session.
 */
async function readyCart(base, key, session, { items, email, headers = {} }) {
  const h = { "x-publishable-api-key": key, ...headers }
  const post = (route, body) => ok(base, "POST", route, { body, headers: h })
  const { cart } = await post("/store/carts?fields=id", {
    region_id: session.regionId,
    email,
    shipping_address: address,
    billing_address: address,
    items,
  })
  const { shipping_options: options } = await ok(base, "GET", `/store/shipping-options?cart_id=${cart.id}&fields=id`, { headers: h })
  await post(`/store/carts/${cart.id}/shipping-methods?fields=id`, { option_id: options[0].id })
  const { payment_collection: collection } = await post("/store/payment-collections?fields=id", { cart_id: cart.id })
  await post(`/store/payment-collections/${collection.id}/payment-sessions?fields=id`, { provider_id: "pp_system_default" })
  return cart.id
}

/** Ready carts for many shoppers (`shopper(i)` gives the items, e-mail and headers of the i-th). */
function readyCarts(base, key, session, count, shopper, concurrency = 8) {
  return pool(
    Array.from({ length: count }, (_, i) => i),
    concurrency,
    (i) => readyCart(base, key, session, shopper(i))
  )
}

/**
 * Completes every cart at the same moment. Each result: the cart, HTTP status, what the body
 * says (order id, or the error's type/code/message/variant ids) and the latency in ms.
 */
async function burst(base, key, cartIds, headersFor = () => ({})) {
  const started = performance.now()
  const results = await Promise.all(
    cartIds.map(async (cartId, i) => {
      try {
        const reply = await call(base, "POST", `/store/carts/${cartId}/complete?fields=id`, {
          body: {},
          headers: { "x-publishable-api-key": key, ...headersFor(i) },
        })
        return {
          cartId,
          status: reply.status,
          ms: reply.ms,
          orderId: reply.data.type === "order" ? reply.data.order.id : undefined,
          type: reply.data.type,
          code: reply.data.code,
          message: reply.data.message ?? reply.data.error?.message,
          variantIds: reply.data.variant_ids,
          productIds: reply.data.product_ids,
        }
      } catch (error) {
        return { cartId, status: 0, ms: performance.now() - started, message: String(error) }
      }
    })
  )
  return { results, seconds: (performance.now() - started) / 1000 }
}

/** What a burst's answers add up to: kinds of answer, answered/s, p50 and p99 latency. */
function summarize({ results, seconds }) {
  const kinds = {}
  for (const r of results) {
    const kind = r.orderId ? "order" : `${r.status} ${r.code ?? r.type ?? ""}`.trim()
    kinds[kind] = (kinds[kind] ?? 0) + 1
  }
  const sorted = results.map((r) => r.ms).sort((a, b) => a - b)
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]
  return {
    orders: results.filter((r) => r.orderId).length,
    kinds,
    seconds,
    perSecond: results.length / seconds,
    p50: at(0.5),
    p99: at(0.99),
  }
}

/**
 * The database's view of inventory items (a pg client on the shop's database): stocked and
 * reserved per item, the sum of live reservations, and the units ordered through live orders.
 */
async function inventoryState(client, inventoryItemIds) {
  const { rows } = await client.query(
    `SELECT i.id,
            COALESCE((SELECT SUM(l.stocked_quantity) FROM inventory_level l WHERE l.inventory_item_id = i.id AND l.deleted_at IS NULL), 0)::int AS stocked,
            COALESCE((SELECT SUM(l.reserved_quantity) FROM inventory_level l WHERE l.inventory_item_id = i.id AND l.deleted_at IS NULL), 0)::int AS reserved,
            COALESCE((SELECT SUM(r.quantity) FROM reservation_item r WHERE r.inventory_item_id = i.id AND r.deleted_at IS NULL), 0)::int AS reservations
       FROM inventory_item i WHERE i.id = ANY($1)`,
    [inventoryItemIds]
  )
  return Object.fromEntries(rows.map((r) => [r.id, r]))
}

module.exports = {
  adminSession,
  burst,
  call,
  createSaleProduct,
  inventoryState,
  pool,
  readyCart,
  readyCarts,
  setStock,
  summarize,
}
