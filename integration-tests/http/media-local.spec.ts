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
/** Where the local provider keeps the file behind a /static URL. */
const onDisk = (url: string) => path.join(uploadDir, decodeURIComponent(new URL(url).pathname.replace(/^\/static\//, "")))

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

      // Every variant is on disk, decodes to the size and format claimed, and is lighter than
      // its original (the seed's flat 480 px tiles: those that would not be are not made).
      const { data } = await api.get(`/store/products?limit=100&fields=handle,*images`, store)
      let made = 0
      for (const product of data.products as { images: { url: string; metadata: { width: number; variants: (Variant & { size: number })[] } }[] }[]) {
        const [image] = product.images
        expect(image.metadata.width).toBe(480)
        const original = fs.statSync(onDisk(image.url)).size
        for (const variant of image.metadata.variants) {
          expect([200, 400, 480]).toContain(variant.width)
          expect(variant.size).toBeLessThan(original)
          const decoded = await sharp(fs.readFileSync(onDisk(variant.url))).metadata()
          expect([decoded.format, decoded.width, decoded.height]).toEqual([variant.format === "avif" ? "heif" : "webp", variant.width, variant.height])
          made++
        }
      }
      expect(made).toBeGreaterThan(catalog.products.length)
      expect(storedFiles().length).toBe(before + made)

      const files = storedFiles().length
      expect(await backfill()).toMatchObject({ images: 0, generated: 0, reattached: 0, failed: [] })
      expect(storedFiles().length).toBe(files)

      const products = getContainer().resolve<IProductModuleService>(Modules.PRODUCT)
      const [product] = await products.listProducts({ handle: catalog.products[1].handle }, { relations: ["images"] })
      const variantsBefore = product.images[0].metadata!.variants
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
      expect(again.images[0].metadata!.variants).toEqual(variantsBefore)
      const [stillBroken] = await products.listProducts({ id: broken.id }, { relations: ["images"] })
      expect(stillBroken.images[0].metadata).toBeNull()
    })

    it("an admin upload on local disk stores the variants, and deleting it removes them", async () => {
      // A photo-like image (noise): every variant is lighter than the original.
      const content = await sharp({
        create: { width: 900, height: 300, channels: 3, background: "#1d4e89", noise: { type: "gaussian", mean: 128, sigma: 40 } },
      })
        .jpeg({ quality: 92 })
        .toBuffer()
      const form = new FormData()
      form.append("files", new Blob([new Uint8Array(content)], { type: "image/jpeg" }), "banner.jpg")
      const before = storedFiles().length
      const { data } = await api.post("/admin/uploads", form, { headers: admin })
      const [file] = data.files
      expect(file.variants.map((v: Variant) => v.width).sort((a: number, b: number) => a - b)).toEqual([200, 200, 400, 400, 800, 800, 900, 900])
      expect(storedFiles().length).toBe(before + 9)
      // Stored where the URL says, under the upload folder (`npm start` serves it at /static).
      for (const variant of file.variants as Variant[]) {
        expect((await sharp(fs.readFileSync(onDisk(variant.url))).metadata()).width).toBe(variant.width)
      }

      await api.delete(`/admin/uploads/${encodeURIComponent(file.id)}`, { headers: admin })
      expect(storedFiles().length).toBe(before)
    })
  },
})
