import fs from "fs"
import http from "http"
import path from "path"
import sharp from "sharp"
import type { Page } from "playwright-core"
import { describeInChromium, keelAdminSession } from "../helpers/admin-browser"
import { freePort } from "../helpers/redis"
import { HOSTILE_UPLOADS, PAYLOAD, polyglot, withHiddenPage } from "../helpers/hostile-files"

// Uploaded files can never run, against Keel started as `npm start` starts it (files on local
// disk, served from the backend's own origin at /static): the files attackers send are refused
// on both upload routes and nothing is stored; what is stored is an image under its decoded
// type, served with nosniff and a CSP sandbox; and in Chromium, an admin session that opens
// every uploaded file URL fires no script, a file from before these checks included.
jest.setTimeout(8 * 60 * 1000)

type Json = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any

function form(files: [name: string, content: Buffer, type: string][]) {
  const data = new FormData()
  for (const [name, content, type] of files) data.append("files", new Blob([new Uint8Array(content)], { type }), name)
  return data
}

const storedFiles = (dir: string) =>
  fs.existsSync(dir) ? (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => fs.statSync(path.join(dir, f)).isFile()).sort() : []

/** Opens `url` in the admin's own page (their session's cookies) and reports what ran there. */
async function open(page: Page, url: string) {
  const ran = { adminCalls: 0, dialogs: 0, downloaded: false, title: "" }
  const onRequest = (request: { url(): string }) => {
    if (request.url().includes("/admin/users/me")) ran.adminCalls++
  }
  const onDialog = (dialog: { dismiss(): Promise<void> }) => {
    ran.dialogs++
    void dialog.dismiss()
  }
  const onDownload = () => (ran.downloaded = true)
  page.on("request", onRequest)
  page.on("dialog", onDialog)
  page.on("download", onDownload)
  try {
    // A download aborts the navigation: that is an answer too.
    await page.goto(url, { waitUntil: "load" }).catch((error: Error) => {
      if (!/download|ERR_ABORTED/i.test(error.message)) throw error
    })
    await page.waitForTimeout(700)
    ran.title = await page.title().catch(() => "")
  } finally {
    page.off("request", onRequest)
    page.off("dialog", onDialog)
    page.off("download", onDownload)
  }
  return ran
}

;describeInChromium("upload-safety")("uploads never run as pages", () => {
  const keel = keelAdminSession({ prefix: "keel-upload-safety-", screenshot: "/tmp/upload-safety.png" })
  const urls: string[] = []

  let shopper: Promise<Record<string, string>> | undefined
  /** A logged-in customer's store headers (registered on first use). */
  const customerHeaders = () => (shopper ??= registerShopper())
  async function registerShopper() {
    const email = "shopper@example.com"
    const password = "a-long-enough-password"
    const { token } = await keel.api("POST", "/auth/customer/emailpass/register", { email, password }, {})
    await keel.api("POST", "/store/customers", { email, first_name: "Sam" }, { ...keel.store, authorization: `Bearer ${token}` })
    const login = await keel.api("POST", "/auth/customer/emailpass", { email, password }, {})
    return { ...keel.store, authorization: `Bearer ${login.token}` }
  }

  const upload = async (route: string, headers: Record<string, string>, files: [string, Buffer, string][]) => {
    const res = await fetch(`${keel.base}${route}`, { method: "POST", headers, body: form(files) })
    return { status: res.status, body: (await res.json()) as Json }
  }

  it("refuses the polyglot, an SVG with script, a truncated JPEG and a pixel bomb on both upload routes, storing nothing", async () => {
    const uploads = path.join(keel.dataDir, "uploads")
    const shopper = await customerHeaders()
    const before = storedFiles(uploads)
    for (const [name, content] of HOSTILE_UPLOADS) {
      const type = name.endsWith(".svg") ? "image/svg+xml" : name.endsWith(".html") ? "image/png" : "image/jpeg"
      const asAdmin = await upload("/admin/uploads", keel.admin, [[name, content(), type]])
      const asShopper = await upload("/store/reviews/media", shopper, [[name, content(), type]])
      expect([name, asAdmin.status, asShopper.status]).toEqual([name, 400, 400])
      expect(asShopper.body.message).toContain(name)
    }
    expect(storedFiles(uploads)).toEqual(before)
  })

  it("stores real images under their decoded type whatever the name, served as that image with nosniff and a CSP sandbox", async () => {
    const shopper = await customerHeaders()
    const png = await sharp({ create: { width: 900, height: 600, channels: 3, background: "#2b6a8f" } }).png().toBuffer()
    const jpeg = await sharp({ create: { width: 300, height: 200, channels: 3, background: "#8f2b4a" } }).jpeg().toBuffer()
    // A real PNG with a page hidden after it, named like a page: it decodes, so it is accepted, as a PNG.
    const admin = await upload("/admin/uploads", keel.admin, [["photo.html", withHiddenPage(png), "text/html"]])
    expect(admin.status).toBe(200)
    const [file] = admin.body.files
    expect(file.url).toMatch(/\.png$/)
    urls.push(file.url, ...file.variants.map((v: Json) => v.url))
    const review = await upload("/store/reviews/media", shopper, [["review.html", withHiddenPage(jpeg), "text/html"]])
    expect(review.status).toBe(201)
    expect(review.body.files[0].url).toMatch(/\.jpg$/)
    urls.push(review.body.files[0].url)

    for (const url of urls) {
      expect(new URL(url).origin).toBe(keel.base)
      const served = await fetch(url)
      expect([url, served.status]).toEqual([url, 200])
      expect(served.headers.get("content-type")).toMatch(/^image\/(png|jpeg|webp|avif)$/)
      expect(served.headers.get("x-content-type-options")).toBe("nosniff")
      expect(served.headers.get("content-security-policy")).toMatch(/default-src 'none'.*sandbox/)
      expect(served.headers.get("content-disposition")).toBeNull()
    }
    // The shopper's photo was written again: the page hidden after the image is not in what is served.
    const reviewBytes = Buffer.from(await (await fetch(review.body.files[0].url)).arrayBuffer())
    expect(reviewBytes.includes(Buffer.from("<script>"))).toBe(false)
  })

  it("serves a file from before these checks (HTML, SVG) as a download with nosniff and the CSP", async () => {
    const uploads = path.join(keel.dataDir, "uploads")
    fs.writeFileSync(path.join(uploads, "1700000000000-photo.html"), polyglot())
    fs.writeFileSync(path.join(uploads, "1700000000000-logo.svg"), `<svg xmlns="http://www.w3.org/2000/svg">${PAYLOAD}</svg>`)
    for (const name of ["1700000000000-photo.html", "1700000000000-logo.svg"]) {
      const url = `${keel.base}/static/${name}`
      const served = await fetch(url)
      expect([name, served.status]).toEqual([name, 200])
      expect(served.headers.get("content-type")).toBe("application/octet-stream")
      expect(served.headers.get("content-disposition")).toBe("attachment")
      expect(served.headers.get("x-content-type-options")).toBe("nosniff")
      expect(served.headers.get("content-security-policy")).toMatch(/sandbox/)
      urls.push(url)
    }
  })

  it("in the admin's own browser session, opening every uploaded file fires no script", async () => {
    // The admin is logged in on this origin: a script that ran in any of these files could read /admin/users/me.
    expect((await keel.page.evaluate(() => fetch("/admin/users/me", { credentials: "include" }).then((r) => r.status)))).toBe(200)
    expect(urls.length).toBeGreaterThanOrEqual(5)
    for (const url of urls) {
      const ran = await open(keel.page, url)
      expect([url, ran.adminCalls, ran.dialogs, ran.title.startsWith("pwned")]).toEqual([url, 0, 0, false])
      // Images are shown; what is not an image is only ever a download.
      expect([url, ran.downloaded]).toEqual([url, /\.(html|svg)$/.test(url)])
    }

    // The check itself: the same file served as a page, as /static did before, does run in this browser.
    const port = await freePort()
    const server = http.createServer((_req, res) => res.writeHead(200, { "content-type": "text/html" }).end(polyglot())).listen(port, "127.0.0.1")
    try {
      const ran = await open(keel.page, `http://127.0.0.1:${port}/photo.html`)
      expect(ran.adminCalls).toBe(1)
    } finally {
      server.close()
      await keel.page.goto(`${keel.base}/app`)
    }
  })
})
