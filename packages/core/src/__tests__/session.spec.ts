import { SESSION_HEADER, sessionKey } from "../session"

describe("the storefront session contract", () => {
  it("is a header and a 32-hex hash of the trimmed id, the same for the search log and analytics", () => {
    expect(SESSION_HEADER).toBe("x-keel-session-id")
    expect(sessionKey("abc")).toBe("ba7816bf8f01cfea414140de5dae2223")
    expect(sessionKey("  abc \n")).toBe(sessionKey("abc"))
    expect(sessionKey("   ")).toBeNull()
    expect(sessionKey(undefined)).toBeNull()
  })
})
