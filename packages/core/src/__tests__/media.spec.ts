import { MedusaError } from "@medusajs/framework/utils"
import sharp from "sharp"
import { inspectImage, reencodeImage } from "../media"
// The files attackers upload, shared with the HTTP and browser suites.
import { pixelBombPng, polyglot, scriptedSvg, truncatedJpeg, withHiddenPage } from "../../../../integration-tests/helpers/hostile-files"

const LIMITS = { maxBytes: 5 * 1024 * 1024 }

async function photo(format: "png" | "jpeg" | "webp" | "gif", width = 64, height = 48) {
  const image = sharp({ create: { width, height, channels: 3, background: { r: 200, g: 40, b: 90 } } })
  return image[format]().toBuffer()
}

async function refusal(name: string, content: Buffer) {
  const error = await inspectImage(name, content, LIMITS).then(
    () => null,
    (e) => e
  )
  expect(error).toBeInstanceOf(MedusaError)
  expect(error.type).toBe(MedusaError.Types.INVALID_DATA)
  return error.message as string
}

describe("uploaded images", () => {
  it("are what decoding says, stored under the decoded type's extension whatever the name", async () => {
    const png = await photo("png")
    const image = await inspectImage("../../Évil photo.html", png, LIMITS)
    expect(image).toMatchObject({ format: "png", mime_type: "image/png", extension: "png", width: 64, height: 48 })
    expect(image.filename).toMatch(/^media\/[0-9a-f]{20}\/evil-photo\.png$/)
    const jpeg = await inspectImage("x.png", await photo("jpeg"), { ...LIMITS, prefix: "reviews" })
    expect(jpeg.filename).toMatch(/^reviews\/[0-9a-f]{20}\/x\.jpg$/)
  })

  it("refuse script behind image magic bytes, SVG, truncated JPEGs and pixel bombs", async () => {
    expect(await refusal("photo.html", polyglot())).toMatch(/not an image Keel accepts/)
    expect(await refusal("logo.svg", scriptedSvg())).toMatch(/not an image Keel accepts/)
    expect(await refusal("tiny.jpg", truncatedJpeg())).toMatch(/not an image Keel accepts/)
    const jpeg = await photo("jpeg", 400, 300)
    expect(await refusal("half.jpg", jpeg.subarray(0, Math.floor(jpeg.length / 2)))).toMatch(/could not be decoded|not an image/)
    expect(await refusal("bomb.png", pixelBombPng(60000, 60000))).toMatch(/60000×60000 pixels/)
    expect(await refusal("empty.png", Buffer.alloc(0))).toMatch(/is empty/)
    expect(await refusal("big.png", Buffer.alloc(LIMITS.maxBytes + 1, 1))).toMatch(/at most 5242880 bytes/)
  })

  it("written again drop what the decoder skipped and any metadata, and fit the size asked", async () => {
    const png = await sharp({ create: { width: 3000, height: 1000, channels: 3, background: "#3366aa" } })
      .png()
      .withMetadata({ exif: { IFD0: { Copyright: "someone's phone" } } })
      .toBuffer()
    const hidden = withHiddenPage(png)
    const image = await inspectImage("p.png", hidden, { maxBytes: 10 * 1024 * 1024 })
    const written = await reencodeImage(hidden, image, { maxDimension: 2000 })
    expect(written.content.includes(Buffer.from("<script>"))).toBe(false)
    expect(written).toMatchObject({ width: 2000, height: 667 })
    const meta = await sharp(written.content).metadata()
    expect(meta.format).toBe("png")
    expect(meta.exif).toBeUndefined()
  })
})

describe("animated uploads", () => {
  it("are written again as their first frame", async () => {
    const frame = (colour: string) => sharp({ create: { width: 120, height: 80, channels: 3, background: colour } }).png().toBuffer()
    const gif = await sharp(await Promise.all(["#f00", "#0f0", "#00f"].map(frame)), { join: { animated: true } }).gif().toBuffer()
    expect((await sharp(gif, { pages: -1 }).metadata()).pages).toBe(3)
    const image = await inspectImage("loop.gif", gif, LIMITS)
    expect(image).toMatchObject({ format: "gif", width: 120, height: 80 })
    const written = await reencodeImage(gif, image, { maxDimension: 2048 })
    expect((await sharp(written.content, { pages: -1 }).metadata()).pages ?? 1).toBe(1)
  })
})
