import type { ConfigModule } from "@medusajs/framework/types"
import { configuredOptions, resolveOptions } from "../options"

describe("@keel/search options", () => {
  it("defaults to eur and usd price fields and opens only the product index", () => {
    expect(resolveOptions()).toEqual({ currencies: ["eur", "usd"], stockIndex: false, storeIndexes: ["product"] })
  })

  it("normalises currencies and opens product_stock with stockIndex", () => {
    expect(resolveOptions({ currencies: [" GBP", "eur", "gbp"], stockIndex: true })).toEqual({
      currencies: ["gbp", "eur"],
      stockIndex: true,
      storeIndexes: ["product", "product_stock"],
    })
  })

  it.each([
    [{ currencies: ["euro"] }, /"currencies" must be a list of three-letter currency codes/],
    [{ currencies: "eur" as unknown as string[] }, /"currencies" must be a list/],
    [{ stockIndex: "true" as unknown as boolean }, /"stockIndex" must be true or false/],
  ])("refuses %j at boot, naming the option", (options, message) => {
    expect(() => resolveOptions(options)).toThrow(message)
  })

  it("reads the plugin's own entry in the app's config, and defaults without one", () => {
    const config = (plugins: unknown[]) => ({ plugins }) as unknown as ConfigModule
    expect(configuredOptions(config([{ resolve: "@keel/reviews", options: { currencies: ["jpy"] } }, { resolve: "@keel/search", options: { currencies: ["chf"] } }])).currencies).toEqual(["chf"])
    expect(configuredOptions(config(["@keel/search"])).currencies).toEqual(["eur", "usd"])
    expect(configuredOptions(config([])).storeIndexes).toEqual(["product"])
  })
})
