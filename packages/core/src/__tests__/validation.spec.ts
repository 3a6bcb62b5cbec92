import { z } from "@medusajs/framework/zod"
import { validatePathParams } from "../params"
import { boolean, id, integer, isoDate, parseIsoDate, queryBoolean, queryInteger, storableJson, text } from "../validation"

const accepts = <T extends z.ZodType>(schema: T, value: unknown) => schema.safeParse(value) as z.ZodSafeParseResult<z.output<T>>
const refusal = (schema: z.ZodType, value: unknown) => {
  const parsed = schema.safeParse(value)
  expect(parsed.success).toBe(false)
  return parsed.error!.issues.map((issue) => issue.message).join("; ")
}

describe("isoDate", () => {
  it("reads dates and date-times in ISO 8601, a date-time without an offset as UTC", () => {
    expect(accepts(isoDate(), "2026-12-04").data).toEqual(new Date("2026-12-04T00:00:00Z"))
    expect(accepts(isoDate(), "2026-12-04T10:30:00Z").data).toEqual(new Date("2026-12-04T10:30:00Z"))
    expect(accepts(isoDate(), "2026-12-04T10:30").data).toEqual(new Date("2026-12-04T10:30:00Z"))
    expect(accepts(isoDate(), "2026-12-04T10:30:00.123+05:30").data).toEqual(new Date("2026-12-04T05:00:00.123Z"))
    expect(accepts(isoDate(), "0001-01-01").data!.toISOString()).toBe("0001-01-01T00:00:00.000Z")
    expect(accepts(isoDate(), "9999-12-31T23:59:59Z").success).toBe(true)
  })

  it("refuses years PostgreSQL cannot store, dates that do not exist and anything that is not a string", () => {
    expect(refusal(isoDate(), "99999-01-01")).toMatch(/ISO 8601/)
    expect(refusal(isoDate(), "+099999-01-01")).toMatch(/ISO 8601/)
    expect(refusal(isoDate(), "9999-12-31T23:00:00-05:00")).toMatch(/years 1 to 9999/)
    expect(refusal(isoDate(), "0000-01-01")).toMatch(/years 1 to 9999/)
    expect(refusal(isoDate(), "2026-02-30")).toMatch(/ISO 8601/)
    expect(refusal(isoDate(), "2026-12-04T25:00:00Z")).toMatch(/ISO 8601/)
    expect(refusal(isoDate(), "yesterday")).toMatch(/ISO 8601/)
    for (const value of [true, false, 0, 1733300000000, null, {}, []]) {
      expect(refusal(isoDate(), value)).toMatch(/ISO 8601/)
    }
    expect(parseIsoDate("2024-02-29")).toEqual(new Date("2024-02-29T00:00:00Z"))
    expect(parseIsoDate("2023-02-29")).toBeNull()
  })
})

describe("text", () => {
  const title = text({ max: 10, min: 1 })
  const body = text({ max: 100, multiline: true })

  it("trims and bounds what a person typed", () => {
    expect(accepts(title, "  Sehr gut ").data).toBe("Sehr gut")
    expect(refusal(title, "   ")).toMatch(/must not be empty/)
    expect(refusal(title, "x".repeat(11))).toMatch(/at most 10 characters/)
    expect(refusal(text({ max: 100 }), "x".repeat(100_000))).toMatch(/at most 100/)
    expect(accepts(title, "😀 emoji").success).toBe(true)
  })

  it("refuses NUL, lone surrogates, control characters, and line breaks on one line", () => {
    expect(refusal(title, "a\u0000b")).toMatch(/NUL/)
    expect(refusal(title, "a\ud800b")).toMatch(/surrogate/)
    expect(refusal(title, "a\udc00")).toMatch(/surrogate/)
    expect(refusal(title, "a\u0007b")).toMatch(/control characters/)
    expect(refusal(title, "a\nb")).toMatch(/single line/)
    expect(accepts(body, "line one\r\nline two\tend").success).toBe(true)
    expect(refusal(title, 42)).toMatch(/must be a string/)
  })
})

describe("id", () => {
  it("takes Medusa ids, file keys and tokens, bounded, and nothing else", () => {
    for (const value of ["prod_01JABCDEF", "media/abc/1733-photo.png", "Zx-_9aBc", "reviews:1"]) {
      expect(accepts(id(), value).success).toBe(true)
    }
    expect(refusal(id(), "x".repeat(5000))).toMatch(/at most 128/)
    expect(refusal(id(), "")).toMatch(/not be empty/)
    expect(refusal(id(), "prod 1")).toMatch(/may only contain/)
    expect(refusal(id(), "prod\u00001")).toMatch(/may only contain/)
    expect(refusal(id(), "<script>")).toMatch(/may only contain/)
    expect(refusal(id(), 17)).toMatch(/must be a string/)
  })
})

describe("booleans and integers", () => {
  it("take only true and false", () => {
    expect(accepts(boolean(), true).data).toBe(true)
    for (const value of ["true", 1, 0, null, "yes"]) expect(refusal(boolean(), value)).toMatch(/true or false/)
    expect(accepts(queryBoolean(), "false").data).toBe(false)
    for (const value of ["1", "yes", "TRUE", ["true"]]) expect(refusal(queryBoolean(), value)).toMatch(/true or false/)
  })

  it("take whole numbers within bounds, from a body or a query string", () => {
    expect(accepts(integer({ min: 1, max: 5 }), 3).data).toBe(3)
    for (const value of [0, 6, 2.5, "3", Number.NaN, Infinity, 1e400]) expect(accepts(integer({ min: 1, max: 5 }), value).success).toBe(false)
    expect(accepts(queryInteger({ min: 0, max: 100 }), "20").data).toBe(20)
    for (const value of ["", "1e3", "0x10", "20abc", "99999999999999999999", "-1", ["1", "2"], "101"]) {
      expect(accepts(queryInteger({ min: 0, max: 100 }), value).success).toBe(false)
    }
  })
})

describe("messages", () => {
  it("name the field, as Medusa's own do", () => {
    const schema = z.object({ title: text({ max: 10 }), when: isoDate().optional(), ref: id().optional(), properties: storableJson(z.record(z.string(), z.unknown())).optional() })
    const message = (value: unknown) => schema.safeParse(value).error!.issues[0].message
    expect(message({ title: "a\u0000" })).toBe("Field 'title' contains a NUL character")
    expect(message({ title: "ok", when: "99999-01-01" })).toBe("Field 'when' must be an ISO 8601 date (2026-12-04 or 2026-12-04T10:30:00Z)")
    expect(message({ title: "ok", ref: "a b" })).toBe("Field 'ref' may only contain letters, digits and _ - . : / ~ +")
    expect(message({ title: "ok", properties: { list: [{ label: "x\ud800" }] } })).toBe("Field 'properties.list[0].label' contains a lone UTF-16 surrogate (not valid Unicode text)")
  })
})

describe("path parameters", () => {
  it("are ids unless the route says otherwise, and a bad one is a 400 naming it", () => {
    const run = (params: Record<string, string>, shape?: Record<string, z.ZodType>) => {
      let error: Error | undefined
      validatePathParams(shape)({ params } as never, {} as never, (e?: unknown) => (error = e as Error | undefined))
      return error?.message ?? "next"
    }
    expect(run({ id: "prod_01J", item_id: "witem_1" })).toBe("next")
    expect(run({ id: "x".repeat(5000) })).toBe("The path parameter 'id' must be at most 128 characters")
    expect(run({ id: "prod\u00001" })).toBe("The path parameter 'id' may only contain letters, digits and _ - . : / ~ +")
    expect(run({ token: "x".repeat(300) }, { token: id({ max: 512 }) })).toBe("next")
  })
})
