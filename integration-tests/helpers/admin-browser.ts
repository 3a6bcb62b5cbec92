import fs from "fs"
import { Browser, chromium, Locator, Page } from "playwright-core"
import { newcomerSetup, Running, startKeel, stop, waitForBanner } from "./keel"
export { until } from "./wait"

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

/** Waits until the element is visible (fails with the locator in the message after the page timeout). */
export async function expectVisible(locator: Locator) {
  await locator.first().waitFor({ state: "visible" })
}

type Json = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any

/** Keel as `npm start` runs it, and a Chromium page logged into its admin (filled in by beforeAll). */
export type KeelAdminSession = {
  base: string
  /** Keel's data folder (`KEEL_DATA_DIR`): uploads are in its `uploads/`. */
  dataDir: string
  page: Page
  /** The storefront's headers (publishable key) and the admin's (bearer token). */
  store: Record<string, string>
  admin: Record<string, string>
  /** The admin login `npm start` printed. */
  login: { email: string; password: string }
  /** A JSON request as the admin unless headers say otherwise; throws on a 4xx or 5xx. */
  api: (method: string, route: string, body?: unknown, headers?: Record<string, string>) => Promise<Json>
  /** The same, answering the status instead of throwing. */
  request: (method: string, route: string, body?: unknown, headers?: Record<string, string>) => Promise<{ status: number; body: Json }>
}

/**
 * Registers the hooks of an admin browser suite (call inside its describe): before all, Keel
 * started as a newcomer starts it (with `env()` added) and Chromium logged into its admin;
 * after each test a screenshot; after all, both stopped and the data folder removed.
 */
export function keelAdminSession(options: { prefix: string; screenshot: string; env?: () => Promise<NodeJS.ProcessEnv> | NodeJS.ProcessEnv }): KeelAdminSession {
  let dataDir: string | undefined
  let running: Running | undefined
  let launching: Promise<Browser> | undefined
  const session = {} as KeelAdminSession

  session.request = async (method, route, body, headers = session.admin) => {
    const res = await fetch(`${session.base}${route}`, {
      method,
      headers: { ...headers, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    return { status: res.status, body: (await res.json()) as Json }
  }
  session.api = async (method, route, body, headers) => {
    const { status, body: json } = await session.request(method, route, body, headers)
    if (status >= 400) {
      throw new Error(`${method} ${route}: ${status} ${JSON.stringify(json)}`)
    }
    return json
  }

  beforeAll(async () => {
    requireChromium()
    const setup = await newcomerSetup(options.prefix)
    dataDir = setup.dataDir
    session.dataDir = setup.dataDir
    session.base = setup.base
    running = startKeel({ ...setup.env, ...(options.env ? await options.env() : {}) })
    launching = launchChromium()
    const banner = await waitForBanner(running, 5 * 60 * 1000)
    const browser = await launching
    session.store = { "x-publishable-api-key": banner.key }
    session.login = { email: banner.email, password: banner.password }
    const login = await session.api("POST", "/auth/user/emailpass", { email: banner.email, password: banner.password }, {})
    session.admin = { authorization: `Bearer ${login.token}` }
    session.page = await adminPage(browser, session.base, banner)
  })

  afterEach(async () => {
    await session.page?.screenshot({ path: options.screenshot, fullPage: true }).catch(() => undefined)
  })

  afterAll(async () => {
    await (await launching?.catch(() => undefined))?.close()
    if (running && running.proc.exitCode === null) {
      await stop(running)
    }
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true })
  })

  return session
}
