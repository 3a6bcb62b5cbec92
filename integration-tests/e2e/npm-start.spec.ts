import fs from "fs"
import os from "os"
import path from "path"
import { Client } from "pg"
import { catalog } from "../helpers/shop"
import { newcomerSetup, Running, startKeel, stop, waitForBanner } from "../helpers/keel"

// Starts Keel the way a newcomer does (`npm start` = scripts/keel.mjs) on an empty data
// folder, with the embedded PostgreSQL, on spare ports; then starts it a second time.
jest.setTimeout(15 * 60 * 1000)

describe("npm start on a fresh machine", () => {
  let dataDir: string
  let env: NodeJS.ProcessEnv
  let base: string
  let running: Running | undefined

  beforeAll(async () => {
    ;({ dataDir, env, base } = await newcomerSetup())
  })

  afterAll(async () => {
    if (running && running.proc.exitCode === null) {
      await stop(running)
    }
    fs.rmSync(dataDir, { recursive: true, force: true })
  })

  it("brings the shop up on an empty data folder, serves the catalog and admin, and stops cleanly", async () => {
    running = startKeel(env)
    const banner = await waitForBanner(running, 10 * 60 * 1000)
    expect(running.output()).toContain("seeding Keel's catalog")

    expect((await fetch(`${base}/health`)).status).toBe(200)

    const products = await fetch(`${base}/store/products?limit=200&fields=handle,thumbnail`, {
      headers: { "x-publishable-api-key": banner.key },
    })
    expect(products.status).toBe(200)
    const body = (await products.json()) as { count: number; products: { thumbnail: string }[] }
    expect(body.count).toBe(catalog.products.length)

    const image = await fetch(body.products[0].thumbnail)
    expect(image.status).toBe(200)
    expect(image.headers.get("content-type")).toBe("image/png")

    // The seed's images got their responsive variants on the first start, served like the original.
    const withImages = await fetch(`${base}/store/products?limit=1&fields=handle,*images`, {
      headers: { "x-publishable-api-key": banner.key },
    })
    type Variant = { url: string; mime_type: string }
    const [first] = ((await withImages.json()) as { products: { images: { metadata: { variants?: Variant[] } }[] }[] }).products
    const variants = first.images[0].metadata.variants ?? []
    expect(variants.length).toBeGreaterThan(0)
    const variant = await fetch(variants[0].url)
    expect([variant.status, variant.headers.get("content-type")]).toEqual([200, variants[0].mime_type])

    const adminPage = await fetch(`${base}/app`)
    expect(adminPage.status).toBe(200)
    expect(await adminPage.text()).toContain("<div id=\"medusa\"")

    const login = await fetch(`${base}/auth/user/emailpass`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: banner.email, password: banner.password }),
    })
    expect(login.status).toBe(200)

    expect(await stop(running)).toBe(0)
    expect(fs.existsSync(path.join(dataDir, "pg", "postmaster.pid"))).toBe(false)
    await expect(fetch(`${base}/health`)).rejects.toThrow()
  })

  it("starts again on the same data without seeding twice, keeping key and login", async () => {
    const first = running!.output()
    const firstKey = /Publishable key\s+(pk_\w+)/.exec(first)![1]
    const firstLogin = /Admin login\s+(.+)/.exec(first)![1]

    running = startKeel(env)
    const banner = await waitForBanner(running, 5 * 60 * 1000)
    expect(running.output()).not.toContain("seeding Keel's catalog")
    expect(running.output()).toContain("admin build is up to date")
    expect(banner.key).toBe(firstKey)
    expect(`${banner.email} / ${banner.password}`).toBe(firstLogin)

    const products = await fetch(`${base}/store/products?limit=1`, {
      headers: { "x-publishable-api-key": banner.key },
    })
    expect(((await products.json()) as { count: number }).count).toBe(catalog.products.length)
    expect(await stop(running)).toBe(0)
  })

  it("uses DATABASE_URL when it is set, creating that database, without an embedded PostgreSQL", async () => {
    const name = `keel_external_${Date.now()}`
    const user = process.env.DB_USERNAME || "postgres"
    const password = process.env.DB_PASSWORD ? `:${encodeURIComponent(process.env.DB_PASSWORD)}` : ""
    const server = `${process.env.DB_HOST || "localhost"}:${process.env.DB_PORT || 5432}`
    const externalData = fs.mkdtempSync(path.join(os.tmpdir(), "keel-external-"))
    fs.chmodSync(externalData, 0o755)
    try {
      running = startKeel({ ...env, KEEL_DATA_DIR: externalData, DATABASE_URL: `postgres://${user}${password}@${server}/${name}` })
      const banner = await waitForBanner(running, 5 * 60 * 1000)
      expect(running.output()).toContain(`creating database ${name}`)
      expect(running.output()).toMatch(/Database\s+DATABASE_URL/)
      expect(fs.existsSync(path.join(externalData, "pg"))).toBe(false)

      const products = await fetch(`${base}/store/products?limit=1`, {
        headers: { "x-publishable-api-key": banner.key },
      })
      expect(((await products.json()) as { count: number }).count).toBe(catalog.products.length)
      expect(await stop(running)).toBe(0)
    } finally {
      const client = new Client({ connectionString: `postgres://${user}${password}@${server}/postgres` })
      await client.connect()
      // Identifiers cannot be bind parameters; escapeIdentifier quotes the name.
      await client.query("DROP DATABASE IF EXISTS " + client.escapeIdentifier(name))
      await client.end()
      fs.rmSync(externalData, { recursive: true, force: true })
    }
  })
})
