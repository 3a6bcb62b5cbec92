import { describeInChromium, expectVisible, keelAdminSession } from "../helpers/admin-browser"

// The admin's Wishlists page (@keel/wishlists) in Chromium, against Keel started as `npm start`
// starts it: the counts it shows are those of the lists this test makes through the store API.
jest.setTimeout(6 * 60 * 1000)

;describeInChromium("admin-wishlists")("the admin Wishlists page", () => {
  const keel = keelAdminSession({ prefix: "keel-admin-wishlists-", screenshot: "/tmp/admin-wishlists.png" })

  /** A guest's list with these variants (no login needed). */
  async function guestList(variantIds: string[]) {
    const { wishlist, guest_token } = await keel.api("POST", "/store/wishlists", {}, keel.store)
    for (const variant_id of variantIds) {
      await keel.api("POST", `/store/wishlists/${wishlist.id}/items`, { variant_id }, { ...keel.store, "x-wishlist-token": guest_token })
    }
  }

  it("shows the lists, items and most wished product the shoppers produced", async () => {
    const { products } = await keel.api("GET", "/store/products?limit=2&fields=id,title,variants.id", undefined, keel.store)
    const page = keel.page
    const [favourite, other] = products as { id: string; title: string; variants: { id: string }[] }[]
    await guestList([favourite.variants[0].id, other.variants[0].id])
    await guestList([favourite.variants[0].id])
    await guestList([favourite.variants[0].id])

    await page.getByRole("link", { name: "Wishlists", exact: true }).click()
    await expectVisible(page.getByRole("heading", { level: 1, name: "Wishlists" }))
    const totals = page.getByRole("region", { name: "Totals" })
    await expectVisible(totals.getByLabel("Lists", { exact: true }).filter({ hasText: /^3$/ }))
    await expectVisible(totals.getByLabel("Items", { exact: true }).filter({ hasText: /^4$/ }))
    await expectVisible(totals.getByLabel("Items per list", { exact: true }).filter({ hasText: /^1\.33$/ }))
    const top = page.getByRole("region", { name: "Most wished products" })
    const row = top.getByRole("row").filter({ hasText: favourite.title })
    await expectVisible(row)
    await expectVisible(row.getByRole("cell", { name: "3", exact: true }).first())
  })
})
