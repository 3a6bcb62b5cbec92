import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import {
  catalog,
  countOrders,
  germanAddress,
  reservedQuantity,
  seedShop,
  storeHeaders,
} from "../helpers/shop"
import { seedCatalog } from "../../src/scripts/seed/seed-catalog"

jest.setTimeout(180_000)

// The first catalog product is kept buyable for these tests: no backorders, a first
// variant with stock and a sold-out sibling (checked in the seed data test below).
const product = catalog.products[0]
const inStock = product.variants[0]
const soldOut = product.variants.find((v) => v.stock === 0)!
const GERMAN_VAT = 0.19

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let shop: Awaited<ReturnType<typeof seedShop>>
    let store: ReturnType<typeof storeHeaders>
    let admin: { headers: Record<string, string> }
    let europeId: string
    let variantIds: Record<string, string>

    beforeAll(async () => {
      shop = await seedShop(getContainer())
      store = storeHeaders(shop.publishableKey)
      const { data } = await api.post("/auth/user/emailpass", {
        email: shop.adminEmail,
        password: shop.adminPassword,
      })
      admin = { headers: { authorization: `Bearer ${data.token}` } }
      const regions = await api.get("/store/regions", store)
      europeId = regions.data.regions.find((r: { name: string }) => r.name === "Europe").id
      const products = await api.get(
        `/store/products?handle=${product.handle}&fields=variants.id,variants.sku`,
        store
      )
      variantIds = Object.fromEntries(
        products.data.products[0].variants.map((v: { sku: string; id: string }) => [v.sku, v.id])
      )
    })

    async function cartWith(items: { variant_id: string; quantity: number }[] = []) {
      const { data } = await api.post("/store/carts", { region_id: europeId, items }, store)
      return data.cart
    }

    async function failure(request: Promise<unknown>) {
      const error = await request.then(
        () => {
          throw new Error("expected the request to fail")
        },
        (e) => e
      )
      return { status: error.response?.status, message: String(error.response?.data?.message) }
    }

    describe("a shopper buys through the store API", () => {
      it("completes the storefront checkout into an order with the right totals and a reservation", async () => {
        const container = getContainer()
        const before = await reservedQuantity(container, inStock.sku)

        const list = await api.get("/store/products?limit=100&fields=id,handle,thumbnail", store)
        expect(list.status).toBe(200)
        expect(list.data.count).toBe(catalog.products.length)
        expect(list.data.products.every((p: { thumbnail: string }) => p.thumbnail?.includes("/static/"))).toBe(true)

        const detail = await api.get(
          `/store/products?handle=${product.handle}&region_id=${europeId}` +
            "&fields=*variants.calculated_price,+variants.inventory_quantity",
          store
        )
        const variant = detail.data.products[0].variants.find((v: { sku: string }) => v.sku === inStock.sku)
        expect(variant.calculated_price.currency_code).toBe("eur")
        expect(variant.calculated_price.calculated_amount).toBe(inStock.prices.eur)
        expect(variant.inventory_quantity).toBe(inStock.stock)

        const cart = await cartWith()
        expect(cart.currency_code).toBe("eur")
        await api.post(`/store/carts/${cart.id}/line-items`, { variant_id: variant.id, quantity: 2 }, store)
        await api.post(
          `/store/carts/${cart.id}`,
          { email: "jana@example.com", shipping_address: germanAddress, billing_address: germanAddress },
          store
        )

        const options = await api.get(`/store/shipping-options?cart_id=${cart.id}`, store)
        const names = options.data.shipping_options.map((o: { name: string }) => o.name).sort()
        expect(names).toEqual(["Express Shipping", "Standard Shipping"])
        const standard = options.data.shipping_options.find((o: { name: string }) => o.name === "Standard Shipping")
        expect(standard.amount).toBe(5.95)
        await api.post(`/store/carts/${cart.id}/shipping-methods`, { option_id: standard.id }, store)

        const collection = await api.post("/store/payment-collections", { cart_id: cart.id }, store)
        const paymentCollection = collection.data.payment_collection
        await api.post(
          `/store/payment-collections/${paymentCollection.id}/payment-sessions`,
          { provider_id: "pp_system_default" },
          store
        )

        const completed = await api.post(`/store/carts/${cart.id}/complete`, {}, store)
        expect(completed.data.type).toBe("order")
        const order = completed.data.order
        expect(order.email).toBe("jana@example.com")
        expect(order.currency_code).toBe("eur")
        expect(order.items).toHaveLength(1)
        expect(order.items[0]).toMatchObject({ variant_id: variant.id, quantity: 2, unit_price: inStock.prices.eur })

        const itemSubtotal = 2 * inStock.prices.eur
        const taxTotal = (itemSubtotal + 5.95) * GERMAN_VAT
        expect(order.item_subtotal).toBeCloseTo(itemSubtotal, 2)
        expect(order.shipping_subtotal).toBeCloseTo(5.95, 2)
        expect(order.tax_total).toBeCloseTo(taxTotal, 2)
        expect(order.total).toBeCloseTo(itemSubtotal + 5.95 + taxTotal, 2)

        const after = await reservedQuantity(container, inStock.sku)
        expect(after.reserved).toBe(before.reserved + 2)
        expect(after.stocked).toBe(inStock.stock)

        const adminView = await api.get(`/admin/orders/${order.id}?fields=+email,+currency_code,*items`, admin)
        expect(adminView.status).toBe(200)
        expect(adminView.data.order).toMatchObject({ id: order.id, email: "jana@example.com", currency_code: "eur" })
        expect(adminView.data.order.items[0].variant_sku).toBe(inStock.sku)
        const adminList = await api.get("/admin/orders", admin)
        expect(adminList.data.orders.map((o: { id: string }) => o.id)).toContain(order.id)
      })
    })

    describe("bad input is refused without side effects", () => {
      it("refuses more than the stock of a variant without backorders, naming the stock problem", async () => {
        const container = getContainer()
        const before = await reservedQuantity(container, inStock.sku)
        const cart = await cartWith()

        const tooMany = await failure(
          api.post(
            `/store/carts/${cart.id}/line-items`,
            { variant_id: variantIds[inStock.sku], quantity: inStock.stock + 1 },
            store
          )
        )
        expect(tooMany.status).toBe(400)
        expect(tooMany.message).toMatch(/inventory|stock/i)

        const none = await failure(
          api.post(`/store/carts/${cart.id}/line-items`, { variant_id: variantIds[soldOut.sku], quantity: 1 }, store)
        )
        expect(none.status).toBe(400)
        expect(none.message).toMatch(/inventory|stock/i)

        const atCreation = await failure(cartWith([{ variant_id: variantIds[soldOut.sku], quantity: 1 }]))
        expect(atCreation.status).toBe(400)

        const { data } = await api.get(`/store/carts/${cart.id}`, store)
        expect(data.cart.items).toHaveLength(0)
        expect(await reservedQuantity(container, inStock.sku)).toEqual(before)
        expect(await countOrders(container)).toBe(0)
      })

      it("answers 4xx for an unknown variant, a malformed quantity and a missing publishable key", async () => {
        const container = getContainer()
        const cart = await cartWith()

        const unknown = await failure(
          api.post(`/store/carts/${cart.id}/line-items`, { variant_id: "variant_does_not_exist", quantity: 1 }, store)
        )
        expect(unknown.status).toBeGreaterThanOrEqual(400)
        expect(unknown.status).toBeLessThan(500)

        for (const quantity of [-1, 0, "two"]) {
          const bad = await failure(
            api.post(`/store/carts/${cart.id}/line-items`, { variant_id: variantIds[inStock.sku], quantity }, store)
          )
          expect(bad.status).toBe(400)
        }

        const noKey = await failure(api.get("/store/products"))
        expect(noKey.status).toBe(400)
        expect(noKey.message).toMatch(/publishable/i)
        const noKeyCart = await failure(api.post("/store/carts", { region_id: europeId }))
        expect(noKeyCart.status).toBe(400)

        const { data } = await api.get(`/store/carts/${cart.id}`, store)
        expect(data.cart.items).toHaveLength(0)
        expect(await reservedQuantity(container, inStock.sku)).toEqual({ reserved: 0, stocked: inStock.stock })
        expect(await countOrders(container)).toBe(0)
      })
    })

    describe("the seed", () => {
      it("ships a catalog with the promised shape", () => {
        expect(catalog.products.length).toBeGreaterThanOrEqual(60)
        expect(catalog.categories.length).toBeGreaterThanOrEqual(8)
        expect(catalog.collections.length).toBeGreaterThanOrEqual(3)
        const variants = catalog.products.flatMap((p) => p.variants)
        expect(variants.some((v) => v.stock === 0 && !v.allow_backorder)).toBe(true)
        expect(variants.some((v) => v.allow_backorder)).toBe(true)
        expect(catalog.products.filter((p) => p.options.length === 2).length).toBeGreaterThan(10)
        expect(product.variants.every((v) => !v.allow_backorder)).toBe(true)
        expect(inStock.stock).toBeGreaterThanOrEqual(20)
      })

      it("is idempotent: a second run leaves every count unchanged", async () => {
        const container = getContainer()
        const query = container.resolve(ContainerRegistrationKeys.QUERY)
        const counted = [
          "product",
          "product_variant",
          "product_category",
          "product_collection",
          "region",
          "tax_region",
          "shipping_option",
          "service_zone",
          "stock_location",
          "inventory_item",
          "inventory_level",
          "api_key",
          "sales_channel",
          "price",
        ]
        const counts = async () => {
          const result: Record<string, number> = {}
          for (const entity of counted) {
            const { metadata } = await query.graph({ entity, fields: ["id"], pagination: { skip: 0, take: 1 } })
            result[entity] = metadata!.count!
          }
          return result
        }

        const first = await counts()
        expect(first.product).toBe(catalog.products.length)
        expect(first.product_variant).toBe(catalog.products.reduce((n, p) => n + p.variants.length, 0))
        expect(first.inventory_level).toBe(first.product_variant)
        expect(first.region).toBe(2)
        expect(first.shipping_option).toBe(4)
        // Medusa's own default channel and key are adopted, not duplicated.
        expect(first.sales_channel).toBe(1)
        expect(first.api_key).toBe(1)

        const again = await seedCatalog(container, { progress: false })
        expect(again.createdProducts).toBe(0)
        expect(again.publishableKey).toBe(shop.publishableKey)
        expect(await counts()).toEqual(first)

        const stores = await container.resolve(Modules.STORE).listStores({}, { relations: ["supported_currencies"] })
        expect(stores[0].supported_currencies!.map((c) => c.currency_code).sort()).toEqual(["eur", "usd"])
      })
    })
  },
})
