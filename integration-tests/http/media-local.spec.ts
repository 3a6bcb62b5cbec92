import fs from "fs"
import os from "os"
import path from "path"
import type { IProductModuleService } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import sharp from "sharp"
import generateImageVariants from "../../src/scripts/generate-image-variants"
import { catalog, seedShop, storeHeaders } from "../helpers/shop"

jest.setTimeout(300_000)

// The default profile: files on local disk (the local provider), served at /static. The
// seed catalog's images were stored before any variant existed: the backfill script makes
// them, and an upload through the admin makes them at once.
const uploadDir = fs.mkdtempSync(path.join(os.tmpdir(), "keel-media-local-"))
// Set before the runner loads medusa-config (its own env option comes too late for that).
Object.assign(process.env, { KEEL_UPLOAD_DIR: uploadDir, S3_BUCKET: "", CDN_URL: "" })
const storedFiles = () =>
  (fs.readdirSync(uploadDir, { recursive: true }) as string[]).filter((f) => fs.statSync(path.join(uploadDir, f)).isFile())

type Variant = { url: string; width: number; height: number; format: string }

medusaIntegrationTestRunner({
  env: { MEILISEARCH_HOST: "", KEEL_SEARCH_STOCK_INDEX: "" },
  testSuite: ({ api, getContainer }) => {
    let admin: Record<string, string>
    let store: { headers: Record<string, string> }
    const backfill = () => generateImageVariants({ container: getContainer(), args: [] })

    beforeAll(async () => {
      const shop = await seedShop(getContainer())
      const { data } = await api.post("/auth/user/emailpass", { email: shop.adminEmail, password: shop.adminPassword })
      admin = { authorization: `Bearer ${data.token}` }
      store = storeHeaders(shop.publishableKey)
    })

    afterAll(() => {
      fs.rmSync(uploadDir, { recursive: true, force: true })
    })

    // One test: the backfill renders the whole seed catalog once (~20 s), and the runner
    // restores the database (not the files) before each test.
    it("backfills variants for the seed catalog's images; a re-run changes nothing, re-attaches lost metadata and skips an unreadable image", async () => {
      const before = storedFiles().length
      const first = await backfill()
      expect(first).toMatchObject({ images: catalog.products.length, generated: catalog.products.length, reattached: 0, failed: [] })
      // Each seed image is 480 px wide: 200, 400 and 480 px, WebP and AVIF.
      expect(storedFiles().length).toBe(before + 6 * catalog.products.length)

      const handle = catalog.products[0].handle
      const { data } = await api.get(`/store/products?handle=${handle}&fields=*images`, store)
      const [image] = data.products[0].images
      expect(image.metadata).toMatchObject({ width: 480, height: 480 })
      const variants = image.metadata.variants as Variant[]
      expect(variants.map((v) => `${v.width}.${v.format}`)).toEqual(["200.avif", "200.webp", "400.avif", "400.webp", "480.avif", "480.webp"])
      // Stored next to the original, and decoding to the size and format claimed.
      for (const variant of variants) {
        const file = path.join(uploadDir, decodeURIComponent(new URL(variant.url).pathname.replace(/^\/static\//, "")))
        const decoded = await sharp(fs.readFileSync(file)).metadata()
        expect([decoded.format, decoded.width, decoded.height]).toEqual([variant.format === "avif" ? "heif" : "webp", variant.width, variant.height])
      }

      const files = storedFiles().length
      expect(await backfill()).toMatchObject({ images: 0, generated: 0, reattached: 0, failed: [] })
      expect(storedFiles().length).toBe(files)

      const products = getContainer().resolve<IProductModuleService>(Modules.PRODUCT)
      const [product] = await products.listProducts({ handle: catalog.products[1].handle }, { relations: ["images"] })
      // Metadata lost (an edit that replaced it): the variants on record come back.
      await products.updateProducts(product.id, {
        images: product.images.map((i) => ({ id: i.id, url: i.url, rank: i.rank, metadata: { note: "edited" } })),
      })
      // And a product whose image lives on a server that does not answer.
      const [broken] = await products.createProducts([{ title: "Broken Image Buoy", images: [{ url: "http://127.0.0.1:9/buoy.png" }] }])
      const summary = await backfill()
      expect(summary).toMatchObject({ images: 2, generated: 0, reattached: 1 })
      expect(summary.failed).toEqual([{ url: "http://127.0.0.1:9/buoy.png", reason: expect.any(String) }])
      expect(storedFiles().length).toBe(files)
      const [again] = await products.listProducts({ id: product.id }, { relations: ["images"] })
      expect(again.images[0].metadata).toMatchObject({ note: "edited", width: 480 })
      expect((again.images[0].metadata!.variants as Variant[]).length).toBe(6)
      const [stillBroken] = await products.listProducts({ id: broken.id }, { relations: ["images"] })
      expect(stillBroken.images[0].metadata).toBeNull()
    })

    it("an admin upload on local disk stores the variants, and deleting it removes them", async () => {
      const content = await sharp({ create: { width: 900, height: 300, channels: 3, background: "#1d4e89" } }).jpeg().toBuffer()
      const form = new FormData()
      form.append("files", new Blob([new Uint8Array(content)], { type: "image/jpeg" }), "banner.jpg")
      const before = storedFiles().length
      const { data } = await api.post("/admin/uploads", form, { headers: admin })
      const [file] = data.files
      expect(file.variants.map((v: Variant) => v.width).sort((a: number, b: number) => a - b)).toEqual([200, 200, 400, 400, 800, 800, 900, 900])
      expect(storedFiles().length).toBe(before + 9)
      // Stored where the URL says, under the upload folder (`npm start` serves it at /static).
      for (const variant of file.variants as Variant[]) {
        const stored = path.join(uploadDir, decodeURIComponent(new URL(variant.url).pathname.replace(/^\/static\//, "")))
        expect((await sharp(fs.readFileSync(stored)).metadata()).width).toBe(variant.width)
      }

      await api.delete(`/admin/uploads/${encodeURIComponent(file.id)}`, { headers: admin })
      expect(storedFiles().length).toBe(before)
    })
  },
})
