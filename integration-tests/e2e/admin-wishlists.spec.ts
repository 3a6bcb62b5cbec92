import fs from "fs"
import { Browser, Page } from "playwright-core"
import { adminPage, describeInChromium, expectVisible, launchChromium, requireChromium } from "../helpers/admin-browser"
import { newcomerSetup, Running, startKeel, stop, waitForBanner } from "../helpers/keel"

// The admin's Wishlists page (@keel/wishlists) in Chromium, against Keel started as `npm start`
// starts it: the counts it shows are those of the lists this test makes through the store API.
jest.setTimeout(6 * 60 * 1000)

const SCREENSHOT = "/tmp/admin-wishlists.png"

type Json = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any

;describeInChromium("admin-wishlists")("the admin Wishlists page", () => {
  let dataDir: string | undefined
  let base: string
  let running: Running | undefined
  let launching: Promise<Browser> | undefined
  let page: Page
  let store: Record<string, string>

  async function api(method: string, route: string, body?: unknown, headers: Record<string, string> = store) {
    const res = await fetch(`${base}${route}`, {
      method,
      headers: { ...headers, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const json = (await res.json()) as Json
    if (res.status >= 400) {
      throw new Error(`${method} ${route}: ${res.status} ${JSON.stringify(json)}`)
    }
    return json
  }

  /** A guest's list with these variants (no login needed). */
  async function guestList(variantIds: string[]) {
    const { wishlist, guest_token } = await api("POST", "/store/wishlists", {})
    for (const variant_id of variantIds) {
      await api("POST", `/store/wishlists/${wishlist.id}/items`, { variant_id }, { ...store, "x-wishlist-token": guest_token })
    }
  }

  beforeAll(async () => {
    requireChromium()
    const setup = await newcomerSetup("keel-admin-wishlists-")
    dataDir = setup.dataDir
    base = setup.base
    running = startKeel(setup.env)
    launching = launchChromium()
    const banner = await waitForBanner(running, 5 * 60 * 1000)
    const browser = await launching
    store = { "x-publishable-api-key": banner.key }
    page = await adminPage(browser, base, banner)
  })

  afterEach(async () => {
    await page?.screenshot({ path: SCREENSHOT, fullPage: true }).catch(() => undefined)
  })

  afterAll(async () => {
    await (await launching?.catch(() => undefined))?.close()
    if (running && running.proc.exitCode === null) {
      await stop(running)
    }
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true })
  })

  it("shows the lists, items and most wished product the shoppers produced", async () => {
    const { products } = await api("GET", "/store/products?limit=2&fields=id,title,variants.id")
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
