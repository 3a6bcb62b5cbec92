import { MedusaError } from "@medusajs/framework/utils"
import http from "node:http"
import { findUnsafeInput, inputGuard, installEarlyInputGuard, REFUSED_REQUEST_PATH } from "../guard"

const request = (url: string, body?: unknown, contentType?: string) => ({
  originalUrl: url,
  url,
  body,
  headers: contentType ? { "content-type": contentType } : {},
})

function guardSays(url: string, body?: unknown, contentType?: string): string | null {
  let said: string | null = null
  inputGuard(request(url, body, contentType) as never, {} as never, (error?: unknown) => {
    if (error) {
      expect(error).toBeInstanceOf(MedusaError)
      expect((error as MedusaError).type).toBe(MedusaError.Types.INVALID_DATA)
      said = (error as Error).message
    }
  })
  return said
}

describe("the input guard", () => {
  it("lets ordinary requests through", () => {
    expect(guardSays("/store/products?limit=20&fields=%2Bthumbnail,*variants&q=caf%C3%A9+cr%C3%A8me")).toBeNull()
    expect(guardSays("/store/products/prod_01J", { filters: { q: "merino 😀" }, ids: ["a", "b"] })).toBeNull()
    expect(guardSays("/admin/uploads", undefined, "multipart/form-data; boundary=----x")).toBeNull()
    expect(guardSays("/admin/uploads", undefined, 'multipart/form-data; boundary="quoted boundary"')).toBeNull()
    expect(guardSays("/store/x?flag&a[]=1&a[]=2&b[c]=3")).toBeNull()
  })

  it("refuses malformed percent-encoding in the path and the query, naming it", () => {
    expect(guardSays("/store/products/%E0%A4%A")).toBe('The path segment "%E0%A4%A" is not valid percent-encoding')
    expect(guardSays("/store/products/%zz")).toMatch(/path segment "%zz" is not valid/)
    // A lone surrogate encoded as UTF-8 is not UTF-8.
    expect(guardSays("/store/products/%ED%A0%80")).toMatch(/not valid percent-encoding/)
    expect(guardSays("/store/products?q=%E0%A4%A")).toBe('The query parameter "q" is not valid percent-encoding')
    expect(guardSays("/store/products?%E0=1")).toMatch(/query parameter "%E0" is not valid/)
  })

  it("refuses query names nested deeper than Medusa's query validation takes", () => {
    expect(guardSays("/store/products?..=1")).toMatch(/query parameter ".." nests more than two levels/)
    expect(guardSays("/store/products?a.b.c=1")).toMatch(/nests more than two levels/)
    expect(guardSays("/store/products?filters.q=1")).toBeNull()
  })

  it("refuses NUL characters in the path, the query and any body field, naming the field", () => {
    expect(guardSays("/store/products/%00")).toBe('The path segment "%00" contains a NUL character')
    expect(guardSays("/store/products?q=a%00b")).toBe('The query parameter "q" contains a NUL character')
    expect(guardSays("/store/products?a%00=1")).toMatch(/query parameter name/)
    expect(guardSays("/store/search", { filters: { q: "x\u0000" } })).toBe('The body field "filters.q" contains a NUL character')
    expect(guardSays("/store/x", { events: [{ properties: { ok: 1 } }, { properties: { note: "\u0000" } }] })).toMatch(/"events\[1\].properties.note" contains a NUL/)
    expect(guardSays("/store/x", { "bad\u0000key": 1 })).toMatch(/^The body field .*bad.*key.* has a name that contains a NUL character$/)
    expect(guardSays("/store/x", "\u0000")).toMatch(/The body contains a NUL/)
  })

  it("refuses lone surrogates in the body", () => {
    expect(guardSays("/store/analytics/events", { events: [{ properties: { label: "a\ud83d" } }] })).toMatch(/"events\[0\].properties.label" contains a lone UTF-16 surrogate/)
    expect(guardSays("/store/x", { title: "😀 paired surrogates are fine" })).toBeNull()
  })

  it("walks deeply nested bodies without recursion", () => {
    let deep: unknown = "\u0000"
    for (let i = 0; i < 100_000; i++) deep = [deep]
    expect(guardSays("/store/x", deep)).toMatch(/NUL/)
  })

  it("refuses a multipart body without a boundary", () => {
    expect(guardSays("/admin/uploads", undefined, "multipart/form-data")).toBe("The multipart body has no boundary in its Content-Type header")
    expect(findUnsafeInput(request("/x", undefined, "application/json"))).toBeNull()
  })

  it("keeps a hostile value out of its own message's length", () => {
    const message = guardSays(`/store/products/${"a".repeat(10_000)}%zz`)!
    expect(message.length).toBeLessThan(200)
  })
})

describe("the early input guard", () => {
  it("refuses a malformed request line before any listener of the server sees it, and the guard middleware answers it", async () => {
    installEarlyInputGuard()
    installEarlyInputGuard() // once per process, however often it is called
    const seen: string[] = []
    const server = http.createServer((req, res) => {
      seen.push(req.url!)
      inputGuard(req as never, res as never, (error?: unknown) => res.end(error ? `400 ${(error as Error).message}` : "ok"))
    })
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
    const port = (server.address() as { port: number }).port
    const get = async (path: string) => (await fetch(`http://127.0.0.1:${port}${path}`)).text()
    try {
      expect(await get("/store/products/prod_1?limit=2")).toBe("ok")
      expect(await get("/store/products/%E0%A4%A")).toBe('400 The path segment "%E0%A4%A" is not valid percent-encoding')
      expect(await get("/store/products?locale[]=en")).toBe('400 The query parameter "locale" must be given once, as a plain value')
      expect(await get("/store/products?locale=en&locale=de")).toMatch(/"locale" must be given once/)
      expect(await get("/store/products?locale=de-DE")).toBe("ok")
      expect(seen).toEqual(["/store/products/prod_1?limit=2", REFUSED_REQUEST_PATH, REFUSED_REQUEST_PATH, REFUSED_REQUEST_PATH, "/store/products?locale=de-DE"])
    } finally {
      server.close()
    }
  })
})
