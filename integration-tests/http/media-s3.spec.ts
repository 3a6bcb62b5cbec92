import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import sharp from "sharp"
import { KEEL_MEDIA_MODULE } from "../../src/modules/keel-media"
import type KeelMediaModuleService from "../../src/modules/keel-media/service"
import { eventually } from "../helpers/eventually"
import { startS3Server, type S3Server } from "../helpers/s3"
import { seedShop, storeHeaders } from "../helpers/shop"

jest.setTimeout(240_000)

// Product media on an S3 server (s3rver, the S3 protocol on localhost) through Medusa's
// file-s3 provider: the same SDK calls as against AWS, path-style. File URLs go through a
// CDN (CDN_URL), which nothing needs to answer here: the objects are read from the bucket.
const CDN_URL = "https://cdn.keel.test"
const MAX_BYTES = 300_000
const IMMUTABLE = "public, max-age=31536000, immutable"

type Variant = { url: string; width: number; height: number; format: string; mime_type: string; size: number }
type Uploaded = { id: string; url: string; width: number; height: number; variants: Variant[] }
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies
type Reply = { status: number; data: any }

let s3: S3Server

/** A photo-like JPEG: a gradient with noise, so the encoders have real work to do. */
async function photo(width: number, height: number, seed = 1) {
  const raw = Buffer.alloc(width * height * 3)
  let x = seed
  for (let i = 0; i < raw.length; i += 3) {
    x = (x * 1103515245 + 12345) & 0x7fffffff
    const p = i / 3
    raw[i] = ((p % width) * 255) / width
    raw[i + 1] = (Math.floor(p / width) * 255) / height
    raw[i + 2] = x & 0xff
  }
  return sharp(raw, { raw: { width, height, channels: 3 } }).jpeg({ quality: 90 }).toBuffer()
}

const keyOf = (url: string) => {
  expect(url.startsWith(`${CDN_URL}/`)).toBe(true)
  return decodeURIComponent(url.slice(CDN_URL.length + 1))
}

// The S3 server is up before the runner boots Medusa, which reads S3_* from the environment.
beforeAll(async () => {
  s3 = await startS3Server()
  Object.assign(process.env, {
    S3_BUCKET: s3.bucket,
    S3_ENDPOINT: s3.endpoint,
    S3_REGION: "us-east-1",
    S3_FORCE_PATH_STYLE: "true",
    S3_ACCESS_KEY_ID: "S3RVER",
    S3_SECRET_ACCESS_KEY: "S3RVER",
    S3_ACL: "private",
    CDN_URL,
    KEEL_MEDIA_MAX_BYTES: String(MAX_BYTES),
  })
})

afterAll(async () => {
  for (const name of ["S3_BUCKET", "S3_ENDPOINT", "S3_REGION", "S3_FORCE_PATH_STYLE", "S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY", "S3_ACL", "CDN_URL", "KEEL_MEDIA_MAX_BYTES"]) {
    delete process.env[name]
  }
  await s3?.stop()
})

medusaIntegrationTestRunner({
  env: { MEILISEARCH_HOST: "", KEEL_SEARCH_STOCK_INDEX: "" },
  testSuite: ({ api, getContainer }) => {
    let admin: Record<string, string>
    let store: { headers: Record<string, string> }

    const upload = async (files: { name: string; type: string; content: Buffer }[]): Promise<Reply> => {
      const form = new FormData()
      for (const file of files) {
        form.append("files", new Blob([new Uint8Array(file.content)], { type: file.type }), file.name)
      }
      return api.post("/admin/uploads", form, { headers: admin, validateStatus: () => true })
    }

    beforeAll(async () => {
      const shop = await seedShop(getContainer())
      const { data } = await api.post("/auth/user/emailpass", { email: shop.adminEmail, password: shop.adminPassword })
      admin = { authorization: `Bearer ${data.token}` }
      store = storeHeaders(shop.publishableKey)
    })

    // The runner restores the database before each test, not the bucket.
    beforeEach(async () => {
      await s3.empty()
    })

    it("stores the original and its WebP/AVIF variants in the bucket, immutable, at the sizes it claims", async () => {
      const original = await photo(1000, 600)
      const reply = await upload([{ name: "Harbour Lantern.JPG", type: "image/jpeg", content: original }])
      expect(reply.status).toBe(200)
      const [file] = reply.data.files as Uploaded[]
      expect(file).toMatchObject({ width: 1000, height: 600 })

      // 200, 400 and 800 px, then the original's own width: nothing is upscaled to 1600.
      const sizes = file.variants.map((v) => `${v.width}x${v.height}.${v.format}`).sort()
      expect(sizes).toEqual(
        ["1000x600", "200x120", "400x240", "800x480"].flatMap((s) => [`${s}.avif`, `${s}.webp`]).sort()
      )

      // Original plus eight variants, all under the content hash, all cached a year as immutable.
      const keys = [file.url, ...file.variants.map((v) => v.url)].map(keyOf)
      expect(await s3.keys()).toEqual([...keys].sort())
      const hashFolder = keyOf(file.url).split("/").slice(0, 2).join("/")
      expect(hashFolder).toMatch(/^media\/[0-9a-f]{20}$/)
      for (const key of keys) {
        expect(key.startsWith(`${hashFolder}/`)).toBe(true)
        expect((await s3.head(key)).cacheControl).toBe(IMMUTABLE)
      }

      // The original is kept byte for byte; each variant decodes to what the response says.
      expect((await s3.get(keyOf(file.url))).body.equals(original)).toBe(true)
      for (const variant of file.variants) {
        const object = await s3.get(keyOf(variant.url))
        expect(object.contentType).toBe(variant.mime_type)
        expect(object.body.length).toBe(variant.size)
        const decoded = await sharp(object.body).metadata()
        expect(decoded.format).toBe(variant.format === "avif" ? "heif" : "webp")
        if (variant.format === "avif") {
          expect(decoded.compression).toBe("av1")
        }
        expect([decoded.width, decoded.height]).toEqual([variant.width, variant.height])
      }

      // Medusa's own read route still answers for the uploaded file.
      const read = await api.get(`/admin/uploads/${encodeURIComponent(file.id)}`, { headers: admin, validateStatus: () => true })
      expect(read.status).toBe(200)
      // (Its URL is a presigned download URL from the bucket, as Medusa answers it.)
      expect(read.data.file.id).toBe(file.id)
      expect(read.data.file.url).toContain(`/${s3.bucket}/${file.id}?`)
    })

    it("exposes the variants in the store's product images, on CDN URLs, and deleting the image removes every object", async () => {
      const reply = await upload([{ name: "dock-box.jpg", type: "image/jpeg", content: await photo(500, 500, 7) }])
      expect([reply.status, reply.data.message]).toEqual([200, undefined])
      const [file] = reply.data.files as Uploaded[]
      expect(file.variants.map((v) => v.width).sort((a, b) => a - b)).toEqual([200, 200, 400, 400, 500, 500])

      const created = await api.post(
        "/admin/products",
        {
          title: "Teak Dock Box",
          status: "published",
          images: [{ url: file.url }],
          thumbnail: file.url,
          options: [{ title: "Size", values: ["One"] }],
          variants: [{ title: "One", options: { Size: "One" }, prices: [{ currency_code: "eur", amount: 129 }] }],
          sales_channels: [{ id: (await api.get("/admin/sales-channels", { headers: admin })).data.sales_channels[0].id }],
        },
        { headers: admin }
      )
      const productId = created.data.product.id

      // The subscriber writes the variants into the image's metadata; the store API returns them.
      const product = await eventually(
        async () => (await api.get(`/store/products/${productId}`, store)).data.product,
        (p) => !!p.images?.[0]?.metadata?.variants,
        10_000
      )
      expect(product.thumbnail).toBe(file.url)
      expect(product.images[0].url.startsWith(`${CDN_URL}/media/`)).toBe(true)
      expect(product.images[0].metadata).toMatchObject({ width: 500, height: 500 })
      expect(product.images[0].metadata.variants).toEqual(
        [...file.variants].sort((a, b) => a.width - b.width || a.format.localeCompare(b.format))
      )
      for (const variant of product.images[0].metadata.variants as Variant[]) {
        expect(variant.url.startsWith(`${CDN_URL}/media/`)).toBe(true)
      }

      // The metadata write emits product.updated; that ends with the images already current.
      await new Promise((resolve) => setTimeout(resolve, 1000))
      const { data: again } = await api.get(`/admin/products/${productId}`, { headers: admin })
      expect(again.product.images).toHaveLength(1)
      expect(again.product.images[0].metadata.variants).toHaveLength(6)

      expect((await s3.keys()).length).toBe(7)
      const deleted = await api.delete(`/admin/uploads/${encodeURIComponent(file.id)}`, { headers: admin })
      expect(deleted.data).toEqual({ id: file.id, object: "file", deleted: true })
      expect(await s3.keys()).toEqual([])
      const media = getContainer().resolve<KeelMediaModuleService>(KEEL_MEDIA_MODULE)
      expect(await media.listMediaAssets({ file_id: file.id })).toEqual([])
    })

    it("refuses a text file named .png, an empty file and an oversize image with a 400, storing nothing", async () => {
      const good = await photo(300, 200)
      // Noise does not compress: over the 300 kB limit this suite sets.
      const oversize = await sharp(await photo(600, 600, 3)).png({ compressionLevel: 0 }).toBuffer()
      expect(oversize.length).toBeGreaterThan(MAX_BYTES)
      const media = getContainer().resolve<KeelMediaModuleService>(KEEL_MEDIA_MODULE)
      const cases: [string, { name: string; type: string; content: Buffer }[], RegExp][] = [
        ["text as .png", [{ name: "notes.png", type: "image/png", content: Buffer.from("not an image at all\n") }], /not an image/],
        ["empty", [{ name: "empty.jpg", type: "image/jpeg", content: Buffer.alloc(0) }], /is empty/],
        ["oversize", [{ name: "huge.png", type: "image/png", content: oversize }], /at most 300000 bytes/],
        ["svg", [{ name: "logo.svg", type: "image/svg+xml", content: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>') }], /not an image/],
        // One bad file in a batch: the good one is not stored either.
        ["good then bad", [{ name: "ok.jpg", type: "image/jpeg", content: good }, { name: "bad.png", type: "image/png", content: Buffer.from("text") }], /bad\.png/],
      ]
      for (const [label, files, message] of cases) {
        const reply = await upload(files)
        expect([label, reply.status]).toEqual([label, 400])
        expect(reply.data.message).toMatch(message)
        expect([label, await s3.keys()]).toEqual([label, []])
      }
      const none = await api.post("/admin/uploads", {}, { headers: admin, validateStatus: () => true })
      expect(none.status).toBe(400)
      expect(await media.listMediaAssets({})).toEqual([])
    })

    it("an image smaller than every width gets variants at its own size only", async () => {
      const reply = await upload([{ name: "tiny.jpg", type: "image/jpeg", content: await photo(150, 90) }])
      expect(reply.status).toBe(200)
      const [file] = reply.data.files as Uploaded[]
      expect(file.variants.map((v) => `${v.width}x${v.height}.${v.format}`).sort()).toEqual(["150x90.avif", "150x90.webp"])
      expect(await s3.keys()).toHaveLength(3)
    })
  },
})
