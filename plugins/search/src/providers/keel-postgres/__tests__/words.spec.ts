import { searchWords, typoDistance } from "../service"

describe("search words", () => {
  it("lower-cases, strips accents and splits on anything but letters and digits", () => {
    expect(searchWords("Crème-Brûlée  T-Shirt, 2XL!")).toEqual(["creme", "brulee", "t", "shirt", "2xl"])
    expect(searchWords("  ")).toEqual([])
    expect(searchWords("')|&:*!")).toEqual([]) // tsquery syntax never reaches the query
  })

  it("counts typos as edits, a swap of neighbours being one", () => {
    expect(typoDistance("merino", "merino")).toBe(0)
    expect(typoDistance("merino", "mreino")).toBe(1)
    expect(typoDistance("tidewater", "tidweatr")).toBe(2)
    expect(typoDistance("jacket", "jackets")).toBe(1)
    expect(typoDistance("boot", "coat")).toBe(2)
  })
})
