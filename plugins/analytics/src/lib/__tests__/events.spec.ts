import { scrubProperties, sessionKey } from "../events"

describe("session key", () => {
  it("is the first 32 hex characters of the SHA-256 of the id, the same every time", () => {
    // sha256("abc") = ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad
    expect(sessionKey("abc")).toBe("ba7816bf8f01cfea414140de5dae2223")
    expect(sessionKey("abc")).toBe(sessionKey("abc"))
    expect(sessionKey("sess_01HX")).toMatch(/^[0-9a-f]{32}$/)
  })

  it("never keeps the storefront's own id, and tells different ids apart", () => {
    expect(sessionKey("sess_01HX")).not.toContain("sess_01HX")
    expect(sessionKey("session-a")).not.toBe(sessionKey("session-b"))
  })

  it("ignores surrounding whitespace", () => {
    expect(sessionKey("  abc \n")).toBe("ba7816bf8f01cfea414140de5dae2223")
  })

  it("is null for a missing or blank id", () => {
    expect(sessionKey(null)).toBeNull()
    expect(sessionKey(undefined)).toBeNull()
    expect(sessionKey("")).toBeNull()
    expect(sessionKey("   \t")).toBeNull()
  })
})

describe("event property scrubbing", () => {
  it("drops keys that name personal data and keeps the rest, numbers, booleans and arrays included", () => {
    const scrubbed = scrubProperties({
      email: "jan@example.com",
      "E-mail": "jan@example.com",
      phone: "+31 6 1234 5678",
      first_name: "Jan",
      last_name: "Jansen",
      address_1: "Dam 1",
      ip: "203.0.113.7",
      user_agent: "Mozilla/5.0",
      product_id: "prod_1",
      product_name: "Blue hat",
      price: 12.5,
      quantity: 0,
      in_stock: true,
      gift: false,
      coupon: null,
      tags: ["summer", 2, true],
    })
    expect(scrubbed).toEqual({
      product_id: "prod_1",
      product_name: "Blue hat",
      price: 12.5,
      quantity: 0,
      in_stock: true,
      gift: false,
      coupon: null,
      tags: ["summer", 2, true],
    })
  })

  it("drops personal keys in nested objects and in objects inside arrays", () => {
    const scrubbed = scrubProperties({
      customer: { first_name: "Jan", Phone: "0612345678", country_code: "nl", shipping: { address_1: "Dam 1", city: "Amsterdam", method: "express", meta: { ip: "1.2.3.4", zone: "eu" } } },
      products: [{ sku: "HAT-1", email: "a@b.co" }],
    })
    expect(scrubbed).toEqual({
      customer: { country_code: "nl", shipping: { method: "express", meta: { zone: "eu" } } },
      products: [{ sku: "HAT-1" }],
    })
  })

  it("masks e-mail addresses inside strings under any key", () => {
    expect(scrubProperties({ note: "write jan.jansen@example.com or info@shop.nl", query: "blue hat" })).toEqual({
      note: "write [email] or [email]",
      query: "blue hat",
    })
    expect(scrubProperties(["a@b.co"])).toEqual(["[email]"])
    expect(scrubProperties("no address @ here")).toBe("no address @ here")
  })

  it("keeps 4 levels of nesting and replaces anything deeper with null", () => {
    const scrubbed = scrubProperties({ l1: { l2: { l3: { l4: { l5: 1 }, list: [1], value: 2, email: "x" } } } })
    expect(scrubbed).toEqual({ l1: { l2: { l3: { l4: null, list: null, value: 2 } } } })
  })

  it("turns values that are not JSON data into null", () => {
    expect(scrubProperties(undefined)).toBeNull()
    expect(scrubProperties({ f: () => 1 })).toEqual({ f: null })
  })
})
