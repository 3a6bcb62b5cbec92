import fs from "fs"
import { Browser, chromium, Locator, Page } from "playwright-core"

// Driving Medusa's admin in Debian's Chromium with playwright-core (never a downloaded browser).

export const CHROMIUM = "/usr/bin/chromium"
const hasChromium = fs.existsSync(CHROMIUM)

/**
 * `describe` when Chromium is installed. Without it the suite is skipped with a printed reason,
 * except under CI=true, where it runs and fails in its beforeAll (call `requireChromium`).
 */
export function describeInChromium(tag: string): jest.Describe {
  if (hasChromium || process.env.CI === "true") {
    return describe
  }
  process.stdout.write(`[${tag}] skipped: no Chromium at ${CHROMIUM} (Debian/Ubuntu: apt-get install -y chromium)\n`)
  return describe.skip
}

export function requireChromium() {
  if (!hasChromium) {
    throw new Error(`no Chromium at ${CHROMIUM}: apt-get install -y chromium`)
  }
}

/** Headless Chromium with the flags this closed network needs. */
export function launchChromium(): Promise<Browser> {
  const launching = chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  })
  launching.catch(() => undefined) // awaited by the caller, maybe later
  return launching
}

/** A page logged into the admin at `base` as this user. */
export async function adminPage(browser: Browser, base: string, login: { email: string; password: string }): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } })
  page.setDefaultTimeout(20_000)
  await page.goto(`${base}/app/login`)
  await page.locator('input[name="email"]').fill(login.email)
  await page.locator('input[name="password"]').fill(login.password)
  await page.getByRole("button", { name: "Continue with Email" }).click()
  await page.waitForURL((url) => !url.pathname.startsWith("/app/login"))
  return page
}

/** Reads until `accept` holds; fails with what was last read after `withinMs`. */
export async function until<T>(read: () => Promise<T>, accept: (value: T) => boolean, withinMs: number, what: string) {
  const deadline = Date.now() + withinMs
  let value = await read()
  while (!accept(value)) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${withinMs} ms: ${JSON.stringify(value).slice(0, 400)}`)
    await new Promise((r) => setTimeout(r, 200))
    value = await read()
  }
  return value
}

/** Waits until the element is visible (fails with the locator in the message after the page timeout). */
export async function expectVisible(locator: Locator) {
  await locator.first().waitFor({ state: "visible" })
}
