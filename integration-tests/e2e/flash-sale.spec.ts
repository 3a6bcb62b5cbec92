import Redis from "ioredis"
import { Client } from "pg"
import { prepareShop, startMedusa, type MedusaProcess, type TestShop } from "../helpers/medusa-process"
import { RedisServer, startRedisServer } from "../helpers/redis"
// eslint-disable-next-line @typescript-eslint/no-require-imports -- shared with bench/flash-sale (CommonJS)
const sale = require("../helpers/checkout-burst.cjs")

// Flash sales (plugins/flash-sales) in the production shape: `medusa start` with Redis (event bus,
// workflow engine, locking), many shoppers completing their carts at the same moment. The server
// is a child process so that it can be killed with SIGKILL in the middle of a burst.
jest.setTimeout(15 * 60 * 1000)

const ADMIN = { email: "ops@keel.test", password: "flash-sale-password" }

type Result = { cartId: string; status: number; orderId?: string; code?: string; message?: string; variantIds?: string[]; productIds?: string[] }
type Any = any // eslint-disable-line @typescript-eslint/no-explicit-any

/** Polls `check` every `everyMs` until it holds; fails after `withinMs`. */
async function until(check: () => Promise<boolean>, withinMs: number, everyMs = 300) {
  const deadline = Date.now() + withinMs
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not within ${withinMs} ms`)
    await new Promise((r) => setTimeout(r, everyMs))
  }
}

describe("flash sale: many shoppers completing at once", () => {
  let shop: TestShop
  let redis: RedisServer
  let server: MedusaProcess
  let base: string
  let key: string
  let session: Any
  let db: Client

  async function startServer() {
    server = await startMedusa({ ...shop.env, REDIS_URL: redis.url })
    base = server.base
  }

  const killServer = () => server.kill()

  beforeAll(async () => {
    redis = await startRedisServer()
    shop = await prepareShop("keel_flash", {
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      LOG_LEVEL: "warn", // the recovery job reports at warn
      NODE_ENV: "production",
      // The recovery job looks at completions that have not moved for 5 s (default 180 s): in the
      // bursts below it meets many live runs, and must leave every one of them alone.
      KEEL_FLASH_RECOVER_AFTER_SECONDS: "5",
    })
    key = shop.publishableKey
    await startServer()
    session = await sale.adminSession(base, ADMIN.email, ADMIN.password)
    db = new Client({ connectionString: shop.databaseUrl })
    await db.connect()
  })

  afterAll(async () => {
    await db?.end()
    if (server) await killServer()
    await redis?.stop()
    await shop?.drop()
  })

  /** Units of each inventory item drawn by live orders (order quantity x required quantity). */
  async function unitsOrdered(inventoryItemId: string) {
    const { rows } = await db.query(
      `SELECT COALESCE(SUM(oi.quantity * pvii.required_quantity), 0)::int AS units
         FROM order_item oi
         JOIN order_line_item li ON li.id = oi.item_id
         JOIN "order" o ON o.id = oi.order_id AND o.deleted_at IS NULL AND o.status <> 'canceled'
         JOIN product_variant_inventory_item pvii ON pvii.variant_id = li.variant_id AND pvii.deleted_at IS NULL
        WHERE pvii.inventory_item_id = $1 AND oi.deleted_at IS NULL`,
      [inventoryItemId]
    )
    return rows[0].units as number
  }

  async function expectConsistent(inventoryItemId: string) {
    const state = (await sale.inventoryState(db, [inventoryItemId]))[inventoryItemId]
    const ordered = await unitsOrdered(inventoryItemId)
    expect(state.reserved).toBeLessThanOrEqual(state.stocked) // stocked - reserved never negative
    expect(state.reservations).toBe(state.reserved) // the level agrees with its reservations
    expect(ordered).toBe(state.reserved) // every ordered unit is reserved, every reservation ordered
    return { ...state, ordered }
  }

  const single = (units: number) => ({ title: `Flash ${Date.now()}`, variants: [{ title: "Single", draws: [{ item: "a", units: 1 }] }], stock: { a: units } })

  it("100 shoppers, 20 units: 20 orders, 80 answered 409 insufficient_inventory naming the variant, stock consistent", async () => {
    const product = await sale.createSaleProduct(session, single(20))
    const variantId = product.variantIds.Single
    // 101 carts; the last one is kept for after the sale (Medusa refuses to put a sold-out item in a cart).
    const all: string[] = await sale.readyCarts(base, key, session, 101, (i: number) => ({ items: [{ variant_id: variantId, quantity: 1 }], email: `a${i}@flash.test` }))
    const carts = all.slice(0, 100)
    const late = all.slice(100)
    const { results } = (await sale.burst(base, key, carts)) as { results: Result[] }

    const orders = results.filter((r) => r.orderId)
    const refused = results.filter((r) => !r.orderId)
    expect(orders).toHaveLength(20)
    expect(refused).toHaveLength(80)
    for (const r of refused) {
      expect(r).toMatchObject({ status: 409, code: "insufficient_inventory", variantIds: [variantId], productIds: [product.productId] })
      expect(r.message).not.toMatch(/retry/i)
    }
    const state = await expectConsistent(product.inventoryItemIds.a)
    expect(state).toMatchObject({ stocked: 20, reserved: 20, ordered: 20 })

    // Sold out: a late shopper is told so at once, and the stock stays as it was.
    const { results: [answer] } = (await sale.burst(base, key, late)) as { results: Result[] }
    expect(answer).toMatchObject({ status: 409, code: "insufficient_inventory", variantIds: [variantId] })

    // A restock through the admin is seen by the next checkout.
    await sale.setStock(session, product.inventoryItemIds.a, 21)
    await until(async () => {
      const { results: [again] } = (await sale.burst(base, key, late)) as { results: Result[] }
      return !!again.orderId
    }, 20_000)
    expect(await expectConsistent(product.inventoryItemIds.a)).toMatchObject({ stocked: 21, reserved: 21 })
  })

  it("100 shoppers, 100 units: every shopper gets an order", async () => {
    const product = await sale.createSaleProduct(session, single(100))
    const carts = await sale.readyCarts(base, key, session, 100, (i: number) => ({ items: [{ variant_id: product.variantIds.Single, quantity: 1 }], email: `b${i}@flash.test` }))
    const { results } = (await sale.burst(base, key, carts)) as { results: Result[] }
    const refused = results.filter((r) => !r.orderId)
    expect(refused).toEqual([])
    expect(new Set(results.map((r) => r.orderId)).size).toBe(100)
    expect(await expectConsistent(product.inventoryItemIds.a)).toMatchObject({ stocked: 100, reserved: 100, ordered: 100 })
  })

  it("mixed quantities on two variants sharing one inventory item: never more than the stock", async () => {
    // "Single" draws 1 unit of item a, "Twin pack" draws 2: 60 shoppers want 1-3 of either (~240 units) of 50.
    const product = await sale.createSaleProduct(session, {
      title: `Flash bundle ${Date.now()}`,
      variants: [
        { title: "Single", draws: [{ item: "a", units: 1 }] },
        { title: "Twin pack", draws: [{ item: "a", units: 2 }] },
      ],
      stock: { a: 50 },
    })
    const wants = Array.from({ length: 60 }, (_, i) => ({ variant: i % 2 ? "Twin pack" : "Single", quantity: (i % 3) + 1 }))
    const carts = await sale.readyCarts(base, key, session, wants.length, (i: number) => ({
      items: [{ variant_id: product.variantIds[wants[i].variant], quantity: wants[i].quantity }],
      email: `c${i}@flash.test`,
    }))
    const { results } = (await sale.burst(base, key, carts)) as { results: Result[] }
    const state = await expectConsistent(product.inventoryItemIds.a)
    expect(state.stocked).toBe(50)
    const admittedUnits = results.reduce((sum, r, i) => sum + (r.orderId ? wants[i].quantity * (wants[i].variant === "Twin pack" ? 2 : 1) : 0), 0)
    expect(admittedUnits).toBe(state.reserved)
    // Nobody was turned away while what they asked for was still free at the end.
    const left = state.stocked - state.reserved
    for (const [i, r] of results.entries()) {
      if (r.orderId) continue
      expect(r).toMatchObject({ status: 409, code: "insufficient_inventory" })
      expect(r.variantIds).toEqual([product.variantIds[wants[i].variant]])
      expect(wants[i].quantity * (wants[i].variant === "Twin pack" ? 2 : 1)).toBeGreaterThan(left)
    }
    expect(state.reserved).toBeGreaterThan(40)
  })

  it("stock lowered in the database without an event: Medusa's refusal under its lock is answered as the gate answers", async () => {
    const product = await sale.createSaleProduct(session, single(5))
    const variantId = product.variantIds.Single
    const itemId = product.inventoryItemIds.a
    const carts: string[] = await sale.readyCarts(base, key, session, 4, (i: number) => ({ items: [{ variant_id: variantId, quantity: 1 }], email: `d${i}@flash.test` }))
    // The first order reads the budget (5) and spends one unit of it.
    expect((await sale.burst(base, key, carts.slice(0, 1))).results[0].orderId).toBeDefined()
    // Someone lowers the stock to what is already reserved, under the running server: no event, so
    // the gate still believes 3 units are free and admits the next two carts.
    await db.query(
      `UPDATE inventory_level SET stocked_quantity = 1, raw_stocked_quantity = '{"value":"1","precision":20}'::jsonb WHERE inventory_item_id = $1 AND deleted_at IS NULL`,
      [itemId]
    )
    const { results } = (await sale.burst(base, key, carts.slice(1, 3))) as { results: Result[] }
    // Medusa's own check under the inventory lock refuses them; the answer is the gate's 409.
    for (const r of results) {
      expect(r).toMatchObject({ status: 409, code: "insufficient_inventory", variantIds: [variantId], productIds: [product.productId] })
      expect(r.message).not.toMatch(/retry/i)
    }
    // The refusal made the gate read the budget again (0 free): the next cart is refused too.
    expect((await sale.burst(base, key, carts.slice(3))).results[0]).toMatchObject({ status: 409, code: "insufficient_inventory", variantIds: [variantId] })
    const redisClient = new Redis(redis.url)
    const budgets = await redisClient.keys(`keel:flash:budget:stock:${itemId}:*`)
    expect(await Promise.all(budgets.map((k) => redisClient.get(k)))).toEqual(["0"])
    await redisClient.quit()
    expect(await expectConsistent(itemId)).toMatchObject({ stocked: 1, reserved: 1, ordered: 1 })
  })

  it("a purchase limit set in the admin holds when one buyer completes several carts at once", async () => {
    const product = await sale.createSaleProduct(session, single(40))
    const variantId = product.variantIds.Single
    const set = await sale.call(base, "POST", `/admin/products/${product.productId}/purchase-limit`, { body: { max_quantity: 2 }, headers: session.headers })
    expect(set.status).toBe(200)
    expect(set.data.purchase_limit).toMatchObject({ product_id: product.productId, max_quantity: 2 })
    const bad = await sale.call(base, "POST", `/admin/products/${product.productId}/purchase-limit`, { body: { max_quantity: 0 }, headers: session.headers })
    expect(bad.status).toBe(400)

    // 8 carts of the same buyer (e-mail in any case) and 4 carts of 4 other buyers, all at once.
    const buyer = (i: number) => (i < 8 ? (i % 2 ? "Greedy@Flash.test" : "greedy@flash.test") : `other${i}@flash.test`)
    // Prepared one at a time: Medusa makes a guest customer per e-mail, and two at once for the same e-mail collide.
    const all: string[] = await sale.readyCarts(base, key, session, 14, (i: number) => ({ items: [{ variant_id: variantId, quantity: 1 }], email: i >= 12 ? "greedy@flash.test" : buyer(i) }), 1)
    const carts = all.slice(0, 12)
    const later = all.slice(12, 13)
    const last = all.slice(13)
    const { results } = (await sale.burst(base, key, carts)) as { results: Result[] }
    const greedy = results.slice(0, 8)
    expect(greedy.filter((r) => r.orderId)).toHaveLength(2)
    for (const r of greedy.filter((r) => !r.orderId)) {
      expect(r).toMatchObject({ status: 409, code: "purchase_limit_exceeded", productIds: [product.productId] })
    }
    expect(results.slice(8).every((r) => r.orderId)).toBe(true)

    // A third unit later is refused too.
    const completeOne = async (cart: string[]) => ((await sale.burst(base, key, cart)) as { results: Result[] }).results[0]
    expect(await completeOne(later)).toMatchObject({ status: 409, code: "purchase_limit_exceeded" })
    // Also once the buyer's budget is gone from Redis (expired, or Redis emptied): it is read again
    // from the buyer's orders, which hold 2 units.
    const redisClient = new Redis(redis.url)
    const budgets = await redisClient.keys("keel:flash:budget:limit:*")
    expect(budgets.length).toBeGreaterThan(0)
    await redisClient.del(...budgets)
    await redisClient.quit()
    expect(await completeOne(later)).toMatchObject({ status: 409, code: "purchase_limit_exceeded" })
    // A canceled order gives its unit back: the refused budget is read again (at most once a second).
    const greedyOrder = greedy.find((r) => r.orderId)!.orderId
    expect((await sale.call(base, "POST", `/admin/orders/${greedyOrder}/cancel`, { headers: session.headers })).status).toBe(200)
    await new Promise((r) => setTimeout(r, 1100))
    expect((await completeOne(later)).orderId).toBeDefined()
    expect(await completeOne(last)).toMatchObject({ status: 409, code: "purchase_limit_exceeded" })
    // Without the limit it is sold.
    const removed = await sale.call(base, "DELETE", `/admin/products/${product.productId}/purchase-limit`, { headers: session.headers })
    expect(removed.status).toBe(200)
    expect((await completeOne(last)).orderId).toBeDefined()
    // 2 + 4 orders, one canceled, then two more.
    expect(await expectConsistent(product.inventoryItemIds.a)).toMatchObject({ reserved: 7, ordered: 7 })
  })

  it("kill -9 in the middle of a burst: after restart, no reservation without its order, no order without its reservation", async () => {
    const product = await sale.createSaleProduct(session, single(40))
    const itemId = product.inventoryItemIds.a
    const carts: string[] = await sale.readyCarts(base, key, session, 40, (i: number) => ({ items: [{ variant_id: product.variantIds.Single, quantity: 1 }], email: `k${i}@flash.test` }))
    // Kill the server once the first completions have authorized their payments (the step after
    // orders and reservations): runs are then cut off at every stage, some with a payment to void.
    const authorized = async () =>
      Number(
        (
          await db.query(
            `SELECT count(*) FROM payment p JOIN cart_payment_collection cpc ON cpc.payment_collection_id = p.payment_collection_id
              WHERE cpc.cart_id = ANY($1) AND cpc.deleted_at IS NULL`,
            [carts]
          )
        ).rows[0].count
      )
    const burst = sale.burst(base, key, carts)
    await until(async () => (await authorized()) >= 3, 60_000, 10)
    await killServer()
    await burst

    const liveOrders = async () =>
      Number((await db.query(`SELECT count(*) FROM order_cart oc JOIN "order" o ON o.id = oc.order_id AND o.status <> 'canceled' WHERE oc.cart_id = ANY($1) AND oc.deleted_at IS NULL`, [carts])).rows[0].count)
    const survivedCrash = await liveOrders()
    await startServer()
    // The recovery job (every minute) undoes what the crash cut off, once the dead runs' cart locks
    // have lapsed (Medusa's 2-minute TTL).
    await until(async () => /undid \d+ completion\(s\) cut off by a crash/.test(server.output()), 240_000, 1000)
    const state = await expectConsistent(itemId)
    expect(state.stocked).toBe(40)
    // Orders and payments: every live order of these carts has an authorized payment; no cart
    // without an order keeps an authorized payment session.
    // Payments: each live order has one payment, not canceled; a cart without a live order has no
    // payment left standing (a canceled order's authorization is voided).
    const { rows: payments } = await db.query(
      `SELECT cpc.cart_id, count(p.id) FILTER (WHERE p.canceled_at IS NULL)::int AS standing,
              bool_or(o.id IS NOT NULL) AS ordered
         FROM cart_payment_collection cpc
         LEFT JOIN payment p ON p.payment_collection_id = cpc.payment_collection_id AND p.deleted_at IS NULL
         LEFT JOIN order_cart oc ON oc.cart_id = cpc.cart_id AND oc.deleted_at IS NULL
         LEFT JOIN "order" o ON o.id = oc.order_id AND o.status <> 'canceled' AND o.deleted_at IS NULL
        WHERE cpc.cart_id = ANY($1) AND cpc.deleted_at IS NULL GROUP BY cpc.cart_id`,
      [carts]
    )
    expect(payments).toHaveLength(carts.length)
    for (const p of payments) expect(p.standing).toBe(p.ordered ? 1 : 0)
    const orders = payments.filter((p) => p.ordered)
    // A canceled order keeps its payment collection, with the payment voided. Every order that stood
    // at the crash and was not kept was canceled (more may be: orders not linked to their cart yet).
    const { rows: canceledPayments } = await db.query(
      `SELECT count(DISTINCT o.id)::int AS canceled, count(p.id) FILTER (WHERE p.canceled_at IS NULL)::int AS standing,
              count(p.id)::int AS payments
         FROM "order" o
         LEFT JOIN order_payment_collection opc ON opc.order_id = o.id AND opc.deleted_at IS NULL
         LEFT JOIN payment p ON p.payment_collection_id = opc.payment_collection_id AND p.deleted_at IS NULL
        WHERE o.status = 'canceled' AND o.email LIKE 'k%@flash.test'`
    )
    expect(canceledPayments[0].canceled).toBeGreaterThanOrEqual(survivedCrash - orders.length)
    expect(canceledPayments[0].standing).toBe(0)
    // The 3 or more payments there were at the crash are a kept order's, or a canceled one's (voided).
    expect(orders.length + canceledPayments[0].payments).toBeGreaterThanOrEqual(3)
    const ordered = new Set(orders.map((o) => o.cart_id))
    // Every cart the crash interrupted can be completed again (40 units for 40 carts): a cart whose
    // order was canceled got a new payment collection (the old one stays with that order).
    const open = carts.filter((c) => !ordered.has(c))
    const { results } = (await sale.burst(base, key, open)) as { results: Result[] }
    expect(results.filter((r) => !r.orderId)).toEqual([])
    const after = await expectConsistent(itemId)
    expect(after).toMatchObject({ stocked: 40, reserved: 40, ordered: 40 })
    process.stdout.write(
      `kill -9: ${survivedCrash} orders at the crash, ${orders.length} kept after recovery, ` +
        `${canceledPayments[0].canceled} canceled (${canceledPayments[0].payments} payments, all voided), ` +
        `${results.filter((r) => r.orderId).length} of ${open.length} reopened carts completed after restart\n`
    )
  })
})
