import { MemoryClaimStore, mergeLines, type ClaimStore } from "../claims"
import { buyerOf, stockLines, type GateCart } from "../gate"

/** Seeds every unseeded key of a claim with `free`, as the gate does from the database. */
async function claim(store: ClaimStore, cartId: string, lines: { key: string; quantity: number }[], free: Record<string, number>) {
  for (let i = 0; i < 3; i++) {
    const result = await store.claim(cartId, lines)
    if (result.ok || !("unseeded" in result)) return result
    for (const key of result.unseeded) {
      const { seq, held } = await store.seedState(key)
      await store.seed(key, seq, free[key] - held)
    }
  }
  throw new Error("never seeded")
}

describe("admission claims (memory store: the Redis store runs the same steps in Lua)", () => {
  it("admits while the budget covers every line, all lines at once or none", async () => {
    const store = new MemoryClaimStore()
    const free = { a: 3, b: 1 }
    expect(await claim(store, "c1", [{ key: "a", quantity: 2 }, { key: "b", quantity: 1 }], free)).toEqual({ ok: true, existing: false })
    // b is gone: c2 is refused, and its line of a is not taken either.
    expect(await claim(store, "c2", [{ key: "a", quantity: 1 }, { key: "b", quantity: 1 }], free)).toEqual({ ok: false, short: ["b"] })
    expect(await store.budget("a")).toBe(1)
    expect(await claim(store, "c3", [{ key: "a", quantity: 1 }], free)).toEqual({ ok: true, existing: false })
    expect(await claim(store, "c4", [{ key: "a", quantity: 1 }], free)).toEqual({ ok: false, short: ["a"] })
  })

  it("a second claim of the same cart is the same claim; release gives back once, commit spends", async () => {
    const store = new MemoryClaimStore()
    const free = { a: 2 }
    await claim(store, "c1", [{ key: "a", quantity: 2 }], free)
    expect(await claim(store, "c1", [{ key: "a", quantity: 2 }], free)).toEqual({ ok: true, existing: true })
    expect(await store.budget("a")).toBe(0)
    expect(await store.release("c1")).toBe(true)
    expect(await store.release("c1")).toBe(false)
    expect(await store.budget("a")).toBe(2)
    await claim(store, "c2", [{ key: "a", quantity: 2 }], free)
    expect(await store.commit("c2")).toBe(true)
    expect(await store.release("c2")).toBe(false) // spent: nothing to give back
    expect(await store.budget("a")).toBe(0)
  })

  it("a seed counts held claims once and is refused when a claim moved meanwhile", async () => {
    const store = new MemoryClaimStore()
    await claim(store, "c1", [{ key: "a", quantity: 2 }], { a: 5 })
    await store.invalidate(["a"]) // stock changed: read again
    // The database still shows 5 free (c1 has no reservation yet): 5 - 2 held = 3.
    const { seq, held } = await store.seedState("a")
    expect(held).toBe(2)
    await claim(store, "other", [{ key: "b", quantity: 1 }], { b: 1 }) // another key: no effect on a's sequence
    expect(await store.seed("a", seq, 5 - held)).toBe(true)
    expect(await store.budget("a")).toBe(3)
    const stale = await store.seedState("a")
    await store.invalidate(["a"])
    await store.release("c1") // moves a's sequence
    expect(await store.seed("a", stale.seq, 0)).toBe(false)
  })

  it("lists claims held longer than a while, and remembers what was done", async () => {
    const store = new MemoryClaimStore()
    await claim(store, "c1", [{ key: "a", quantity: 1 }], { a: 1 })
    expect((await store.held(0)).map((h) => h.cartId)).toEqual(["c1"])
    expect(await store.held(60_000)).toEqual([])
    expect(await store.isDone("x")).toBe(false)
    expect(await store.markDone("x")).toBe(true)
    expect(await store.markDone("x")).toBe(false)
    expect(await store.isDone("x")).toBe(true)
    // A mark renewed while a request runs, dropped when it ends.
    await store.mark("running:c1", 30)
    await store.mark("running:c1", 30)
    expect(await store.isDone("running:c1")).toBe(true)
    await store.unmark("running:c1")
    expect(await store.isDone("running:c1")).toBe(false)
  })
})

describe("what a cart claims", () => {
  const level = (location_id: string, stocked: number, reserved: number, channel = "sc_1") => ({
    location_id,
    stocked_quantity: stocked,
    reserved_quantity: reserved,
    stock_locations: [{ id: location_id, sales_channels: [{ id: channel }] }],
  })
  const cart = (items: GateCart["items"]): GateCart => ({ id: "cart_1", sales_channel_id: "sc_1", email: " Jana@Example.com ", items })

  it("adds up variants drawing on one inventory item, times their required quantity", () => {
    const shared = { inventory_item_id: "iitem_a", inventory: { location_levels: [level("sloc_1", 10, 0)] } }
    const { lines, variantsByKey } = stockLines(
      cart([
        { id: "li_1", quantity: 3, variant_id: "v_single", variant: { id: "v_single", manage_inventory: true, inventory_items: [{ ...shared, required_quantity: 1 }] } },
        { id: "li_2", quantity: 2, variant_id: "v_twin", variant: { id: "v_twin", manage_inventory: true, inventory_items: [{ ...shared, required_quantity: 2 }] } },
      ])
    )
    expect(lines).toEqual([{ key: "stock:iitem_a:sloc_1", quantity: 7 }])
    expect([...variantsByKey.get("stock:iitem_a:sloc_1")!]).toEqual(["v_single", "v_twin"])
  })

  it("skips unmanaged and backorderable variants, and locations outside the cart's sales channel", () => {
    const item = (id: string, variant: object) => ({ id, quantity: 1, variant_id: id, variant: { id, ...variant } })
    const { lines } = stockLines(
      cart([
        item("v_free", { manage_inventory: false, inventory_items: [{ inventory_item_id: "i1", inventory: { location_levels: [level("s", 1, 0)] } }] }),
        item("v_back", { manage_inventory: true, allow_backorder: true, inventory_items: [{ inventory_item_id: "i2", inventory: { location_levels: [level("s", 0, 0)] } }] }),
        item("v_two", {
          manage_inventory: true,
          inventory_items: [{ inventory_item_id: "i3", inventory: { location_levels: [level("s_other", 9, 0, "sc_2"), level("s_empty", 0, 0), level("s_full", 5, 0)] } }],
        }),
      ])
    )
    // i3: the first of the channel's locations with enough (as Medusa picks where to reserve).
    expect(lines).toEqual([{ key: "stock:i3:s_full", quantity: 1 }])
  })

  it("counts a buyer by e-mail in any case, else by customer", () => {
    expect(buyerOf(cart([]))).toBe("email:jana@example.com")
    expect(buyerOf({ id: "c", customer_id: "cus_1" })).toBe("cus:cus_1")
    expect(buyerOf({ id: "c" })).toBeNull()
    expect(mergeLines([{ key: "a", quantity: 1 }, { key: "b", quantity: 2 }, { key: "a", quantity: 3 }])).toEqual([
      { key: "a", quantity: 4 },
      { key: "b", quantity: 2 },
    ])
  })
})
