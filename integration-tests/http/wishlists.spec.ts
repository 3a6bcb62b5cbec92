import { checkWishlistAlertsWorkflow, deliverWishlistNotificationsWorkflow } from "@keel/wishlists/workflows"
import { WISHLISTS_MODULE } from "@keel/wishlists/modules/wishlists"
import { ContainerRegistrationKeys, Modules, ProductStatus } from "@medusajs/framework/utils"
import { createInventoryLevelsWorkflow, createProductsWorkflow, createSalesChannelsWorkflow, deleteProductVariantsWorkflow } from "@medusajs/medusa/core-flows"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { caller, newCustomer, shopSession, type Headers } from "../helpers/store-api"
import { until } from "../helpers/wait"

jest.setTimeout(300_000)

// @keel/wishlists (plugins/wishlists) as the app consumes it. Who may read and change which
// list: anonymous, the holder of a guest token, another customer, the owner, an admin.


medusaIntegrationTestRunner({
  env: { MEILISEARCH_HOST: "", KEEL_SEARCH_STOCK_INDEX: "" },
  testSuite: ({ api, getContainer }) => {
    let store: Headers
    let admin: Headers
    let regionId: string
    const people: Record<string, Headers> = {}
    const customerIds: Record<string, string> = {}
    const variants: string[] = []

    const call = caller(api, () => store)

    async function customer(name: string) {
      const made = await newCustomer(api, store, name)
      people[name] = made.headers
      customerIds[name] = made.id
    }

    /** The customer's default list (made on first use). */
    async function defaultList(name: string) {
      const { data } = await call("get", "/store/wishlists", undefined, people[name])
      return data.wishlists.find((w: { is_default: boolean }) => w.is_default)
    }

    beforeAll(async () => {
      ;({ store, admin, regionId } = await shopSession(api, getContainer()))
      const products = await api.get("/store/products?limit=3&fields=id,variants.id", { headers: store })
      variants.push(...products.data.products.flatMap((p: { variants: { id: string }[] }) => p.variants.slice(0, 1).map((v) => v.id)))
      await customer("Ann")
      await customer("Bob")
    })

    it("a customer's default list is made on first use; items come back with product, price and availability", async () => {
      expect((await call("get", "/store/wishlists")).status).toBe(401)
      const list = await defaultList("Ann")
      expect(list).toMatchObject({ name: "Wishlist", is_default: true, items: [], count: 0 })
      expect((await call("get", "/store/wishlists", undefined, people.Ann)).data.wishlists).toHaveLength(1)

      const added = await call("post", `/store/wishlists/${list.id}/items`, { variant_id: variants[0], note: "for the boat", alert_price_drop: true }, people.Ann)
      expect(added.status).toBe(201)
      const again = await call("post", `/store/wishlists/${list.id}/items`, { variant_id: variants[0], quantity: 2 }, people.Ann)
      expect(again.data.wishlist.items).toHaveLength(1)
      expect(again.data.wishlist.items[0]).toMatchObject({ quantity: 2, note: "for the boat", alert_price_drop: true })

      const shown = await call("get", `/store/wishlists/${list.id}?region_id=${regionId}`, undefined, people.Ann)
      const [item] = shown.data.wishlist.items
      expect(item.product).toMatchObject({ id: expect.any(String), title: expect.any(String), handle: expect.any(String) })
      expect(item.variant).toMatchObject({ id: variants[0] })
      expect(item.price).toMatchObject({ currency_code: "eur", amount: expect.any(Number) })
      // Availability is the store's own figure for the variant in this sales channel.
      const { data: listed } = await api.get(`/store/products?fields=variants.id,variants.inventory_quantity,variants.manage_inventory&limit=100`, { headers: store })
      const stocked = listed.products.flatMap((p: { variants: object[] }) => p.variants).find((v: { id: string }) => v.id === variants[0])
      expect(stocked.manage_inventory).toBe(true)
      expect(item.availability).toBe(stocked.inventory_quantity)

      // Several first visits at once (a storefront's parallel requests): all answered, one default list.
      await customer("Eve")
      const visits = await Promise.all(Array.from({ length: 20 }, () => call("get", "/store/wishlists", undefined, people.Eve)))
      expect(visits.map((v) => v.status)).toEqual(visits.map(() => 200))
      expect(new Set(visits.map((v) => v.data.wishlists.map((w: { id: string }) => w.id).join()))).toEqual(new Set([visits[0].data.wishlists[0].id]))

      const second = await call("post", "/store/wishlists", { name: "Birthday" }, people.Ann)
      expect(second.data.wishlist).toMatchObject({ name: "Birthday", is_default: false })
      expect((await call("patch", `/store/wishlists/${second.data.wishlist.id}`, { name: "Christmas" }, people.Ann)).data.wishlist.name).toBe("Christmas")
      expect((await call("delete", `/store/wishlists/${second.data.wishlist.id}`, undefined, people.Ann)).status).toBe(200)
      expect((await call("get", `/store/wishlists/${second.data.wishlist.id}`, undefined, people.Ann)).status).toBe(404)
    })

    it("nobody but the owner reads or changes a list: anonymous, another customer, a guest token, an admin get 404", async () => {
      const list = await defaultList("Ann")
      const added = await call("post", `/store/wishlists/${list.id}/items`, { variant_id: variants[0] }, people.Ann)
      const itemId = added.data.wishlist.items[0].id
      const guest = await call("post", "/store/wishlists", {})
      const strangers: Record<string, Headers> = {
        anonymous: store,
        "another customer": people.Bob,
        "a guest token": { ...store, "x-wishlist-token": guest.data.guest_token },
        "a guessed guest token": { ...store, "x-wishlist-token": "A".repeat(43) },
        "another customer with a guest token": { ...people.Bob, "x-wishlist-token": guest.data.guest_token },
        "an admin": { ...store, ...admin },
      }
      for (const [who, headers] of Object.entries(strangers)) {
        const replies = [
          await call("get", `/store/wishlists/${list.id}`, undefined, headers),
          await call("patch", `/store/wishlists/${list.id}`, { name: "Mine now" }, headers),
          await call("post", `/store/wishlists/${list.id}/items`, { variant_id: variants[1] }, headers),
          await call("delete", `/store/wishlists/${list.id}/items/${itemId}`, undefined, headers),
          await call("post", `/store/wishlists/${list.id}/share`, {}, headers),
          await call("delete", `/store/wishlists/${list.id}/share`, undefined, headers),
          await call("post", `/store/wishlists/${list.id}/items/${itemId}/move-to-cart`, { cart_id: "cart_any" }, headers),
          await call("delete", `/store/wishlists/${list.id}`, undefined, headers),
        ]
        expect([who, replies.map((r) => r.status)]).toEqual([who, [404, 404, 404, 404, 404, 404, 404, 404]])
      }
      const after = await call("get", `/store/wishlists/${list.id}`, undefined, people.Ann)
      expect(after.data.wishlist).toMatchObject({ name: "Wishlist", count: 1 })
      // A header that cannot be a token is refused before any list is read.
      expect((await call("get", `/store/wishlists/${list.id}`, undefined, { ...people.Ann, "x-wishlist-token": "not a token!" })).status).toBe(400)
      // An item of another list cannot be removed through this one.
      const bobs = await defaultList("Bob")
      expect((await call("delete", `/store/wishlists/${bobs.id}/items/${itemId}`, undefined, people.Bob)).status).toBe(404)
      expect((await call("delete", `/store/wishlists/${list.id}/items/${itemId}`, undefined, people.Ann)).status).toBe(200)
    })

    it("a guest list works with its token, then joins the customer's default list once on claim", async () => {
      const created = await call("post", "/store/wishlists", { name: "Ideas" })
      expect(created.status).toBe(201)
      const token = created.data.guest_token
      expect(token).toMatch(/^[A-Za-z0-9_-]{40,}$/)
      const guest = { ...store, "x-wishlist-token": token }
      const id = created.data.wishlist.id
      for (const variant of [variants[0], variants[1]]) {
        expect((await call("post", `/store/wishlists/${id}/items`, { variant_id: variant, alert_price_drop: variant === variants[1] }, guest)).status).toBe(201)
      }
      expect((await call("get", `/store/wishlists/${id}`, undefined, guest)).data.wishlist.count).toBe(2)

      const ann = await defaultList("Ann")
      await call("post", `/store/wishlists/${ann.id}/items`, { variant_id: variants[0] }, people.Ann)
      expect((await call("post", `/store/wishlists/${id}/claim`, {}, { ...store, "x-wishlist-token": token })).status).toBe(401)
      expect((await call("post", `/store/wishlists/${id}/claim`, {}, { ...people.Ann, "x-wishlist-token": "not-the-token" })).status).toBe(404)
      expect((await call("post", `/store/wishlists/${id}/claim`, {}, people.Ann)).status).toBe(400)
      const claimed = await call("post", `/store/wishlists/${id}/claim`, {}, { ...people.Ann, "x-wishlist-token": token })
      expect(claimed.status).toBe(200)
      expect(claimed.data).toMatchObject({ merged: 1, skipped: 1 })
      const merged = await call("get", `/store/wishlists/${ann.id}`, undefined, people.Ann)
      expect(merged.data.wishlist.items.map((i: { variant_id: string }) => i.variant_id).sort()).toEqual([variants[0], variants[1]].sort())
      // The guest's alert came along with its item.
      const moved = merged.data.wishlist.items.find((i: { variant_id: string }) => i.variant_id === variants[1])
      expect(moved).toMatchObject({ alert_price_drop: true, added_price: { amount: expect.any(Number), currency_code: expect.any(String) } })
      // Claimed once: the guest list and its token are gone.
      expect((await call("post", `/store/wishlists/${id}/claim`, {}, { ...people.Ann, "x-wishlist-token": token })).status).toBe(404)
      expect((await call("get", `/store/wishlists/${id}`, undefined, guest)).status).toBe(404)
    })

    it("share links are read-only, show no customer data, expire and can be revoked", async () => {
      const list = await defaultList("Ann")
      await call("post", `/store/wishlists/${list.id}/items`, { variant_id: variants[0], note: "size M" }, people.Ann)
      const shared = await call("post", `/store/wishlists/${list.id}/share`, {}, people.Ann)
      expect(shared.status).toBe(201)
      const view = await call("get", `/store/shared-wishlists/${shared.data.token}`)
      expect(view.status).toBe(200)
      expect(view.data.wishlist).toMatchObject({ name: "Wishlist", count: 1 })
      const text = JSON.stringify(view.data)
      for (const secret of ["ann@example.com", "Ann", "Tester", "customer_id", list.id]) {
        expect([secret, text.includes(secret)]).toEqual([secret, false])
      }
      // Read-only: the share token is not a key to the list.
      expect((await call("post", `/store/wishlists/${list.id}/items`, { variant_id: variants[1] }, { ...store, "x-wishlist-token": shared.data.token })).status).toBe(404)

      const short = await call("post", `/store/wishlists/${list.id}/share`, { expires_in: 60 }, people.Ann)
      expect(new Date(short.data.expires_at).getTime() - Date.now()).toBeLessThanOrEqual(60_000)
      expect((await call("post", `/store/wishlists/${list.id}/share`, { expires_in: 5 }, people.Ann)).status).toBe(400)
      const service = getContainer().resolve("keelWishlists") as { listWishlistShares: (f: object) => Promise<{ id: string }[]>; updateWishlistShares: (d: object) => Promise<unknown> }
      const shares = await service.listWishlistShares({ wishlist_id: list.id })
      const expired = shares.find((s) => s.id !== shares[0].id) ?? shares[1]
      await service.updateWishlistShares({ id: expired.id, expires_at: new Date(Date.now() - 1000) })
      const statuses = await Promise.all([shared.data.token, short.data.token].map(async (t) => (await call("get", `/store/shared-wishlists/${t}`)).status))
      expect(statuses.sort()).toEqual([200, 404])

      expect((await call("delete", `/store/wishlists/${list.id}/share`, undefined, people.Ann)).data.revoked).toBeGreaterThanOrEqual(1)
      expect((await call("get", `/store/shared-wishlists/${shared.data.token}`)).status).toBe(404)
      expect((await call("get", "/store/shared-wishlists/not-a-token")).status).toBe(404)
    })

    it("refuses a deleted variant or one outside the store's sales channel with 4xx, and changes nothing", async () => {
      const container = getContainer()
      const { result: channels } = await createSalesChannelsWorkflow(container).run({ input: { salesChannelsData: [{ name: "Wholesale only" }] } })
      const { result: products } = await createProductsWorkflow(container).run({
        input: {
          products: [
            {
              title: "Wholesale crate",
              status: ProductStatus.PUBLISHED,
              options: [{ title: "Size", values: ["One"] }],
              variants: [{ title: "One", options: { Size: "One" }, prices: [{ currency_code: "eur", amount: 100 }] }],
              sales_channels: [{ id: channels[0].id }],
            },
            {
              title: "Soon gone",
              status: ProductStatus.PUBLISHED,
              options: [{ title: "Size", values: ["One"] }],
              variants: [{ title: "One", options: { Size: "One" }, prices: [{ currency_code: "eur", amount: 10 }] }],
            },
          ],
        },
      })
      const [wholesale, gone] = products.map((p) => p.variants[0].id)
      await deleteProductVariantsWorkflow(container).run({ input: { ids: [gone] } })
      const list = await defaultList("Bob")
      for (const variant of [wholesale, gone, "variant_missing"]) {
        const reply = await call("post", `/store/wishlists/${list.id}/items`, { variant_id: variant }, people.Bob)
        expect([variant, reply.status]).toEqual([variant, 400])
      }
      for (const body of [{}, { variant_id: variants[0], quantity: 0 }, { variant_id: variants[0], quantity: 1.5 }, { variant_id: variants[0], extra: 1 }]) {
        expect((await call("post", `/store/wishlists/${list.id}/items`, body, people.Bob)).status).toBe(400)
      }
      expect((await call("get", `/store/wishlists/${list.id}`, undefined, people.Bob)).data.wishlist.count).toBe(0)
    })

    it("move to cart: the cart gets the line and the list loses the item; a failed add leaves the list unchanged", async () => {
      const list = await defaultList("Ann")
      const { data: products } = await api.get("/store/products?limit=100&fields=id,variants.id,variants.inventory_quantity,variants.manage_inventory,variants.allow_backorder", { headers: store })
      const all = products.products.flatMap((p: { variants: object[] }) => p.variants) as { id: string; inventory_quantity: number; manage_inventory: boolean; allow_backorder: boolean }[]
      const inStock = all.find((v) => !v.manage_inventory || v.inventory_quantity > 3)!
      const soldOut = all.find((v) => v.manage_inventory && !v.allow_backorder && v.inventory_quantity === 0)!
      await call("post", `/store/wishlists/${list.id}/items`, { variant_id: inStock.id, quantity: 2 }, people.Ann)
      await call("post", `/store/wishlists/${list.id}/items`, { variant_id: soldOut.id, alert_back_in_stock: true }, people.Ann)
      const items = (await call("get", `/store/wishlists/${list.id}`, undefined, people.Ann)).data.wishlist.items as { id: string; variant_id: string }[]
      const itemOf = (variant: string) => items.find((i) => i.variant_id === variant)!.id
      const { data: cart } = await api.post("/store/carts", { region_id: regionId }, { headers: people.Ann })

      const moved = await call("post", `/store/wishlists/${list.id}/items/${itemOf(inStock.id)}/move-to-cart`, { cart_id: cart.cart.id }, people.Ann)
      expect(moved.status).toBe(200)
      const lines = (await api.get(`/store/carts/${cart.cart.id}`, { headers: people.Ann })).data.cart.items
      expect(lines.map((l: { variant_id: string; quantity: number }) => [l.variant_id, l.quantity])).toEqual([[inStock.id, 2]])
      const after = (await call("get", `/store/wishlists/${list.id}`, undefined, people.Ann)).data.wishlist.items
      expect(after.map((i: { variant_id: string }) => i.variant_id)).toEqual([soldOut.id])

      const refused = await call("post", `/store/wishlists/${list.id}/items/${itemOf(soldOut.id)}/move-to-cart`, { cart_id: cart.cart.id }, people.Ann)
      expect(refused.status).toBeGreaterThanOrEqual(400)
      expect(refused.status).toBeLessThan(500)
      expect((await call("get", `/store/wishlists/${list.id}`, undefined, people.Ann)).data.wishlist.items).toHaveLength(1)
      expect((await api.get(`/store/carts/${cart.cart.id}`, { headers: people.Ann })).data.cart.items).toHaveLength(1)

      // Someone else's cart, a missing cart, or someone else's list: 404 and nothing moves.
      const { data: bobsCart } = await api.post("/store/carts", { region_id: regionId }, { headers: people.Bob })
      expect((await call("post", `/store/wishlists/${list.id}/items/${itemOf(soldOut.id)}/move-to-cart`, { cart_id: bobsCart.cart.id }, people.Ann)).status).toBe(404)
      expect((await call("post", `/store/wishlists/${list.id}/items/${itemOf(soldOut.id)}/move-to-cart`, { cart_id: "cart_missing" }, people.Ann)).status).toBe(404)
      expect((await call("post", `/store/wishlists/${list.id}/items/${itemOf(soldOut.id)}/move-to-cart`, { cart_id: bobsCart.cart.id }, people.Bob)).status).toBe(404)
      expect((await call("get", `/store/wishlists/${list.id}`, undefined, people.Ann)).data.wishlist.items).toHaveLength(1)
    })

    it("admin insights: most wished products and variants, items per list, alerts; admin only", async () => {
      const ann = await defaultList("Ann")
      const bob = await defaultList("Bob")
      await call("post", `/store/wishlists/${ann.id}/items`, { variant_id: variants[0], alert_back_in_stock: true }, people.Ann)
      await call("post", `/store/wishlists/${ann.id}/items`, { variant_id: variants[1], alert_price_drop: true }, people.Ann)
      await call("post", `/store/wishlists/${bob.id}/items`, { variant_id: variants[0] }, people.Bob)
      const guest = await call("post", "/store/wishlists", {})
      await call("post", `/store/wishlists/${guest.data.wishlist.id}/items`, { variant_id: variants[2] }, { ...store, "x-wishlist-token": guest.data.guest_token })

      for (const headers of [store, people.Ann]) {
        expect((await call("get", "/admin/wishlists/insights", undefined, headers)).status).toBe(401)
        expect((await call("get", `/admin/products/${ann.items[0]?.product_id ?? "prod_any"}/wishlists`, undefined, headers)).status).toBe(401)
      }
      const insights = await call("get", "/admin/wishlists/insights", undefined, admin)
      expect(insights.status).toBe(200)
      expect(insights.data.totals).toEqual({
        wishlists: 3,
        customer_wishlists: 2,
        guest_wishlists: 1,
        items: 4,
        items_per_list: 1.33,
        back_in_stock_alerts: 1,
        price_drop_alerts: 1,
      })
      expect(insights.data.top_variants[0]).toMatchObject({ variant_id: variants[0], wishlists: 2 })
      expect(insights.data.top_products[0]).toMatchObject({ wishlists: 2, items: 2, title: expect.any(String) })
      const productId = insights.data.top_products[0].product_id
      expect((await call("get", `/admin/products/${productId}/wishlists`, undefined, admin)).data).toEqual({ product_id: productId, wishlists: 2, items: 2 })

      const past = await call("get", "/admin/wishlists/insights?from=2020-01-01&to=2020-02-01", undefined, admin)
      expect(past.data.top_products).toEqual([])
      expect((await call("get", "/admin/wishlists/insights?from=2026-02-01&to=2026-01-01", undefined, admin)).status).toBe(400)
    })

    /** A product of ours with one variant: its EUR price, and its stock at the shop's location. */
    async function productWith(title: string, amount: number, stocked: number) {
      const container = getContainer()
      const query = container.resolve(ContainerRegistrationKeys.QUERY)
      const { data: seeded } = await query.graph({
        entity: "product_variant",
        fields: ["product.sales_channels.id", "inventory_items.inventory.location_levels.location_id"],
        filters: { id: variants[0] },
      })
      const channel = seeded[0].product!.sales_channels![0]!.id
      const location = seeded[0].inventory_items![0]!.inventory!.location_levels![0]!.location_id
      const { result } = await createProductsWorkflow(container).run({
        input: {
          products: [
            {
              title,
              status: ProductStatus.PUBLISHED,
              options: [{ title: "Size", values: ["One"] }],
              variants: [{ title: "One", options: { Size: "One" }, manage_inventory: true, prices: [{ currency_code: "eur", amount }] }],
              sales_channels: [{ id: channel }],
            },
          ],
        },
      })
      const variantId = result[0].variants[0].id
      const { data: linked } = await query.graph({ entity: "product_variant", fields: ["inventory_items.inventory_item_id"], filters: { id: variantId } })
      const inventoryItem = linked[0].inventory_items![0]!.inventory_item_id
      await createInventoryLevelsWorkflow(container).run({ input: { inventory_levels: [{ inventory_item_id: inventoryItem, location_id: location, stocked_quantity: stocked }] } })
      return {
        product: result[0].id,
        variant: variantId,
        /** the merchant sets the stock in the admin */
        stock: (quantity: number) => api.post(`/admin/inventory-items/${inventoryItem}/location-levels/${location}`, { stocked_quantity: quantity }, { headers: admin }),
        /** the merchant sets the EUR price in the admin */
        price: (eur: number) => api.post(`/admin/products/${result[0].id}/variants/${variantId}`, { prices: [{ currency_code: "eur", amount: eur }] }, { headers: admin }),
      }
    }

    const sent = async (template: string) =>
      (await getContainer().resolve(Modules.NOTIFICATION).listNotifications({ template }, { order: { created_at: "ASC" } })) as unknown as {
        to: string
        channel: string
        data: Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any
      }[]

    /** Checks the variant's alerts now, as the job does, so "nothing more was sent" is not a race with the event. */
    async function settle(variant: string) {
      await checkWishlistAlertsWorkflow(getContainer()).run({ input: { variant_ids: [variant] } })
      await new Promise((r) => setTimeout(r, 1000))
    }

    it("back in stock: stock 0 → 5 sends one notification per subscribed item, once; a new restock sends again", async () => {
      const boots = await productWith("Rain boots", 50, 0)
      await customer("Cid")
      const guest = await call("post", "/store/wishlists", {})
      await customer("Dee")
      const subscribers = { Ann: true, Bob: true, Cid: false, Dee: true }
      for (const [name, alert] of Object.entries(subscribers)) {
        const list = await defaultList(name)
        const added = await call("post", `/store/wishlists/${list.id}/items`, { variant_id: boots.variant, alert_back_in_stock: alert }, people[name])
        expect(added.status).toBe(201)
        expect(added.data.wishlist.items[0]).toMatchObject({ variant_id: boots.variant, availability: 0, alert_back_in_stock: alert, alert_price_drop: false })
      }
      // Dee takes the item off her list again: its alert goes with it.
      const dees = await defaultList("Dee")
      expect((await call("delete", `/store/wishlists/${dees.id}/items/${dees.items[0].id}`, undefined, people.Dee)).status).toBe(200)
      // A guest list's alert waits for the list to be claimed: a guest has no address.
      await call("post", `/store/wishlists/${guest.data.wishlist.id}/items`, { variant_id: boots.variant, alert_back_in_stock: true }, { ...store, "x-wishlist-token": guest.data.guest_token })
      const template = "keel-wishlist-back-in-stock"
      expect(await sent(template)).toHaveLength(0)

      await boots.stock(5)
      const first = await until(() => sent(template), (n) => n.length >= 2, 20_000, "back-in-stock notifications")
      await settle(boots.variant)
      const after = await sent(template)
      expect(after.map((n) => n.to).sort()).toEqual(["ann@example.com", "bob@example.com"])
      expect(after[0]).toMatchObject({ channel: "email", data: { product: { id: boots.product, title: "Rain boots" }, variant: { id: boots.variant }, customer: { first_name: expect.any(String) } } })
      expect(first.length).toBe(2)

      // More stock is not news; nor is a check that sees the same.
      await boots.stock(7)
      await settle(boots.variant)
      expect(await sent(template)).toHaveLength(2)

      // Sold out, then back: a new event. Bob has switched his alert off meanwhile.
      await call("post", `/store/wishlists/${(await defaultList("Bob")).id}/items`, { variant_id: boots.variant, alert_back_in_stock: false }, people.Bob)
      await boots.stock(0)
      await settle(boots.variant)
      expect(await sent(template)).toHaveLength(2)
      await boots.stock(3)
      await until(() => sent(template), (n) => n.length >= 3, 20_000, "the second restock")
      await settle(boots.variant)
      expect((await sent(template)).map((n) => n.to).sort()).toEqual(["ann@example.com", "ann@example.com", "bob@example.com"])
    })

    it("an alert that failed for want of an e-mail channel is sent once the channel exists, once; one given up on is listed in the admin and sent by a retry", async () => {
      const container = getContainer()
      const outbox = () => container.resolve(WISHLISTS_MODULE) as { listWishlistNotifications: (f: object) => Promise<Record<string, any>[]> } // eslint-disable-line @typescript-eslint/no-explicit-any
      const delivered = async (template: string) => (await sent(template)).filter((n) => (n as unknown as { status: string }).status === "success")
      const deliverAt = (when: Date) => deliverWishlistNotificationsWorkflow(container).run({ input: { now: when.toISOString() } })
      // The shop has no provider for the "email" channel yet: the Notification Module records a failure.
      const providers = (container.resolve(Modules.NOTIFICATION) as unknown as { notificationProviderService_: { getProviderForChannels: (c: string[] | string) => Promise<unknown> } }).notificationProviderService_
      const withChannels = providers.getProviderForChannels.bind(providers)
      const noEmailChannel = () => (providers.getProviderForChannels = async (channels) => (Array.isArray(channels) ? [] : undefined))
      const emailChannelExists = () => (providers.getProviderForChannels = withChannels)
      const template = "keel-wishlist-back-in-stock"
      try {
        noEmailChannel()
        const boots = await productWith("Snow boots", 60, 0)
        const list = await defaultList("Ann")
        expect((await call("post", `/store/wishlists/${list.id}/items`, { variant_id: boots.variant, alert_back_in_stock: true }, people.Ann)).status).toBe(201)
        await boots.stock(4)
        const [failed] = await until(
          () => outbox().listWishlistNotifications({ to: "ann@example.com", template }),
          (rows) => rows.length === 1 && rows[0].attempts === 1,
          20_000,
          "the first, failed attempt"
        )
        expect(failed).toMatchObject({ status: "pending", last_error: expect.stringContaining("Could not find a notification provider for channel: email") })
        expect(await delivered(template)).toHaveLength(0)
        // Not due yet: nothing is tried before its backoff.
        await deliverAt(new Date())
        expect((await outbox().listWishlistNotifications({ id: failed.id }))[0].attempts).toBe(1)

        emailChannelExists()
        await deliverAt(new Date(new Date(failed.next_attempt_at).getTime() + 1000))
        const [sentRow] = await outbox().listWishlistNotifications({ id: failed.id })
        expect(sentRow).toMatchObject({ status: "sent", attempts: 2, last_error: null })
        expect((await delivered(template)).map((n) => n.to)).toEqual(["ann@example.com"])
        // Exactly once: later runs, the sweep's check of the same stock, send nothing more.
        await deliverAt(new Date(Date.now() + 86_400_000))
        await settle(boots.variant)
        expect(await delivered(template)).toHaveLength(1)

        // A channel that never comes: retried with growing waits, then given up on.
        noEmailChannel()
        const clogs = await productWith("Clogs", 40, 0)
        expect((await call("post", `/store/wishlists/${list.id}/items`, { variant_id: clogs.variant, alert_back_in_stock: true }, people.Ann)).status).toBe(201)
        await clogs.stock(2)
        const [stuck] = await until(
          () => outbox().listWishlistNotifications({ item_id: { $ne: failed.item_id }, to: "ann@example.com", template }),
          (rows) => rows.length === 1 && rows[0].attempts === 1,
          20_000,
          "the clogs' first attempt"
        )
        let when = new Date()
        for (let attempt = 2; attempt <= 8; attempt++) {
          const [row] = await outbox().listWishlistNotifications({ id: stuck.id })
          when = new Date(new Date(row.next_attempt_at).getTime() + 1000)
          await deliverAt(when)
        }
        const [dead] = await outbox().listWishlistNotifications({ id: stuck.id })
        expect(dead).toMatchObject({ status: "dead", attempts: 8 })
        await deliverAt(new Date(when.getTime() + 30 * 86_400_000))
        expect((await outbox().listWishlistNotifications({ id: stuck.id }))[0].attempts).toBe(8)
        const listed = await call("get", "/admin/wishlists/notifications", undefined, admin)
        expect(listed.data.notifications).toEqual([expect.objectContaining({ id: stuck.id, status: "dead", attempts: 8, kind: "back_in_stock", to: "ann@example.com" })])
        expect((await call("get", "/admin/wishlists/notifications", undefined, people.Ann)).status).toBe(401)

        emailChannelExists()
        const retried = await call("post", `/admin/wishlists/notifications/${stuck.id}/retry`, {}, admin)
        expect(retried.status).toBe(200)
        expect(retried.data.notification).toMatchObject({ id: stuck.id, status: "sent", attempts: 9 })
        expect((await call("post", `/admin/wishlists/notifications/${stuck.id}/retry`, {}, admin)).status).toBe(404)
        expect((await call("get", "/admin/wishlists/notifications", undefined, admin)).data.notifications).toEqual([])
        expect((await delivered(template)).map((n) => n.to)).toEqual(["ann@example.com", "ann@example.com"])
      } finally {
        emailChannelExists()
      }
    })

    it("price drop: 20 % off sends one notification in the list's currency; the same price again, or a small further cut, sends none", async () => {
      const kettle = await productWith("Copper kettle", 50, 10)
      const ann = await defaultList("Ann")
      const added = await call("post", `/store/wishlists/${ann.id}/items`, { variant_id: kettle.variant, alert_price_drop: true, region_id: regionId }, people.Ann)
      expect(added.data.wishlist.items[0]).toMatchObject({ alert_price_drop: true, added_price: { amount: 50, currency_code: "eur" } })
      // Bob watches it in dollars, a currency it has no price in: nothing to compare, nothing sent.
      const bob = await defaultList("Bob")
      await call("post", `/store/wishlists/${bob.id}/items`, { variant_id: kettle.variant, alert_price_drop: true, currency_code: "usd" }, people.Bob)
      // A region that does not exist is refused, and nothing is added.
      const badRegion = await call("post", `/store/wishlists/${bob.id}/items`, { variant_id: variants[1], alert_price_drop: true, region_id: "reg_missing" }, people.Bob)
      expect(badRegion.status).toBe(400)
      expect((await call("get", `/store/wishlists/${bob.id}`, undefined, people.Bob)).data.wishlist.count).toBe(1)
      const template = "keel-wishlist-price-drop"

      expect((await kettle.price(48)).status).toBe(200) // 4 %: below the 10 % threshold
      await settle(kettle.variant)
      expect(await sent(template)).toHaveLength(0)

      await kettle.price(40) // 20 % below the price Ann saved it at
      await until(() => sent(template), (n) => n.length >= 1, 20_000, "the price-drop notification")
      await settle(kettle.variant)
      const [alert, ...more] = await sent(template)
      expect(more).toHaveLength(0)
      expect(alert).toMatchObject({ to: "ann@example.com", channel: "email", data: { price: { amount: 40, previous_amount: 50, currency_code: "eur" }, product: { title: "Copper kettle" } } })

      // The same price again, and a cut of 5 % more: no new drop.
      await kettle.price(40)
      await settle(kettle.variant)
      await kettle.price(38)
      await settle(kettle.variant)
      expect(await sent(template)).toHaveLength(1)

      // A deep cut is news once, however many checks see it at the same moment.
      await kettle.price(30)
      await Promise.all(Array.from({ length: 5 }, () => checkWishlistAlertsWorkflow(getContainer()).run({ input: { variant_ids: [kettle.variant] } })))
      await settle(kettle.variant)
      const all = await sent(template)
      expect(all).toHaveLength(2)
      expect(all[1].data.price).toEqual({ amount: 30, previous_amount: 40, currency_code: "eur" })
    })

    it("a list with 1,000 items answers one page per request, with the count", async () => {
      const list = await defaultList("Bob")
      const service = getContainer().resolve("keelWishlists") as { createWishlistItems: (d: object[]) => Promise<unknown> }
      await service.createWishlistItems(
        Array.from({ length: 1000 }, (_, i) => ({ wishlist_id: list.id, variant_id: i === 0 ? variants[0] : `variant_archived_${i}`, product_id: "prod_archived" }))
      )
      const page = await call("get", `/store/wishlists/${list.id}?limit=200&offset=800&region_id=${regionId}`, undefined, people.Bob)
      expect(page.status).toBe(200)
      expect(page.data.wishlist).toMatchObject({ count: 1000, limit: 200, offset: 800 })
      expect(page.data.wishlist.items).toHaveLength(200)
      // Variants deleted since they were added come back without product or price, not as an error.
      const archived = page.data.wishlist.items.filter((i: { variant_id: string }) => i.variant_id.startsWith("variant_archived_"))
      expect(archived.length).toBeGreaterThanOrEqual(199)
      expect(archived.every((i: { variant: unknown; price: unknown; product: unknown }) => i.variant === null && i.price === null && i.product === null)).toBe(true)
      const pages = await Promise.all([0, 200, 400, 600, 800].map((offset) => call("get", `/store/wishlists/${list.id}?limit=200&offset=${offset}`, undefined, people.Bob)))
      expect(new Set(pages.flatMap((p) => p.data.wishlist.items.map((i: { id: string }) => i.id))).size).toBe(1000)
      expect((await call("get", `/store/wishlists/${list.id}?limit=500`, undefined, people.Bob)).status).toBe(400)
    })

    it("read-only links: one query.graph reads a list's owner and its items' variants and products; filters reach across them; a deleted variant leaves its item's product", async () => {
      await customer("Gus")
      const list = await defaultList("Gus")
      const lantern = await productWith("Linked lantern", 30, 4)
      const kite = await productWith("Linked kite", 20, 4)
      for (const variant of [lantern.variant, kite.variant]) {
        expect((await call("post", `/store/wishlists/${list.id}/items`, { variant_id: variant, region_id: regionId }, people.Gus)).status).toBe(201)
      }
      await deleteProductVariantsWorkflow(getContainer()).run({ input: { ids: [kite.variant] } })

      const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
      const { data } = await query.graph({
        entity: "keel_wishlist",
        fields: ["id", "customer.id", "customer.email", "customer.first_name", "items.variant_id", "items.product_variant.id", "items.product_variant.title", "items.product.id", "items.product.title"],
        filters: { id: list.id },
      })
      const [read] = data as { customer: unknown; items: { variant_id: string; product_variant?: unknown; product?: unknown }[] }[]
      expect(read.customer).toEqual({ id: customerIds.Gus, email: "gus@example.com", first_name: "Gus" })
      const byVariant = new Map(read.items.map((item) => [item.variant_id, item]))
      expect(byVariant.get(lantern.variant)).toMatchObject({ product_variant: { id: lantern.variant, title: "One" }, product: { id: lantern.product, title: "Linked lantern" } })
      expect(byVariant.get(kite.variant)?.product_variant ?? null).toBeNull()
      expect(byVariant.get(kite.variant)).toMatchObject({ product: { id: kite.product, title: "Linked kite" } })

      // A guest list has no owner to read.
      const guest = await call("post", "/store/wishlists", {})
      const { data: guestRead } = await query.graph({ entity: "keel_wishlist", fields: ["id", "customer.id"], filters: { id: guest.data.wishlist.id } })
      expect(guestRead[0].customer ?? null).toBeNull()

      // Filters on the linked customer and product are pushed down to SQL by Query (same database).
      const byEmail = await query.graph({ entity: "keel_wishlist", fields: ["id"], filters: { customer: { email: "gus@example.com" } } })
      expect(byEmail.data.map((w: { id: string }) => w.id)).toEqual([list.id])
      const byProduct = await query.graph({ entity: "keel_wishlist_item", fields: ["id", "variant_id"], filters: { product: { title: "Linked lantern" } } })
      expect(byProduct.data.map((i: { variant_id: string }) => i.variant_id)).toEqual([lantern.variant])

      // The store's answer reads the items through the same link, in one page.
      const shown = await call("get", `/store/wishlists/${list.id}?region_id=${regionId}`, undefined, people.Gus)
      expect(shown.status).toBe(200)
      expect(shown.data.wishlist).toMatchObject({ id: list.id, count: 2, limit: 50, offset: 0 })
      // Newest first: the kite was added last.
      expect(shown.data.wishlist.items.map((i: { variant_id: string }) => i.variant_id)).toEqual([kite.variant, lantern.variant])
      const [kiteItem, lanternItem] = shown.data.wishlist.items
      expect(kiteItem).toMatchObject({ variant_id: kite.variant, product_id: kite.product, variant: null, product: null, price: null, availability: null })
      expect(lanternItem).toEqual({
        id: expect.any(String),
        variant_id: lantern.variant,
        product_id: lantern.product,
        quantity: 1,
        note: null,
        alert_back_in_stock: false,
        alert_price_drop: false,
        added_price: { amount: 30, currency_code: "eur" },
        created_at: expect.any(String),
        variant: { id: lantern.variant, title: "One", sku: null },
        product: { id: lantern.product, title: "Linked lantern", handle: expect.any(String), thumbnail: null },
        price: { amount: 30, original_amount: 30, currency_code: "eur" },
        availability: 4,
      })
    })
  },
})
