import { DEFAULT_MAX_INPUT_PIXELS, inspectImage as inspectUpload, type InspectedImage } from "@keel/core/media"
import sharp from "sharp"

/**
 * Responsive variants of a product image: the original decoded with sharp, then each
 * configured width (never wider than the original) in WebP and AVIF. Storage keys carry
 * the original's content hash, so a URL always names the same bytes and can be cached
 * for a year as immutable. A variant that would not be smaller than the original is not
 * made (flat drawings stored as tiny palette PNGs grow when resampled).
 */

export type MediaFormat = "webp" | "avif"

export type ImageVariant = {
  width: number
  height: number
  format: MediaFormat
  mime_type: string
  size: number
  filename: string
  content: Buffer
}

export type { InspectedImage }

// Formats whose images are usually drawn rather than photographed.
const LOSSLESS_SOURCES = new Set(["png", "gif"])

const FORMATS: { format: MediaFormat; mime: string }[] = [
  { format: "webp", mime: "image/webp" },
  { format: "avif", mime: "image/avif" },
]

export const DEFAULT_VARIANT_WIDTHS = [200, 400, 800, 1600]
export const DEFAULT_MAX_UPLOAD_BYTES = 10 * 1024 * 1024
export const IMMUTABLE_CACHE_CONTROL = "public, max-age=31536000, immutable"

export type MediaConfig = { widths: number[]; maxBytes: number }

/** KEEL_MEDIA_WIDTHS ("200,400,800,1600") and KEEL_MEDIA_MAX_BYTES, or the defaults. */
export function mediaConfig(env: NodeJS.ProcessEnv = process.env): MediaConfig {
  const widths = (env.KEEL_MEDIA_WIDTHS ?? "")
    .split(",")
    .map((w) => Number(w.trim()))
    .filter((w) => Number.isInteger(w) && w > 0 && w <= 8000)
  const maxBytes = Number(env.KEEL_MEDIA_MAX_BYTES)
  return {
    widths: widths.length ? [...new Set(widths)].sort((a, b) => a - b) : DEFAULT_VARIANT_WIDTHS,
    maxBytes: Number.isInteger(maxBytes) && maxBytes > 0 ? maxBytes : DEFAULT_MAX_UPLOAD_BYTES,
  }
}

/**
 * Checks that `content` is a product image Keel accepts and says what it is (@keel/core/media:
 * decoded in full, within KEEL_MEDIA_MAX_BYTES and the pixel limit; a 400 naming the file if not).
 */
export function inspectImage(name: string, content: Buffer, config: MediaConfig = mediaConfig()): Promise<InspectedImage> {
  return inspectUpload(name, content, { maxBytes: config.maxBytes })
}

/**
 * The widths to render for an image `width` pixels wide: every configured width below it,
 * and the image's own width when it is under the largest configured one (never upscaled).
 */
export function variantWidths(width: number, widths: number[] = mediaConfig().widths): number[] {
  const below = widths.filter((w) => w < width)
  return width <= widths[widths.length - 1] ? [...below, width] : below
}

/**
 * The variants of an inspected image: WebP and AVIF at each width, each kept only when it is
 * smaller than the original file.
 */
export async function renderVariants(
  content: Buffer,
  image: InspectedImage,
  widths: number[] = mediaConfig().widths
): Promise<ImageVariant[]> {
  const variants: ImageVariant[] = []
  for (const width of variantWidths(image.width, widths)) {
    const resized = sharp(content, { limitInputPixels: DEFAULT_MAX_INPUT_PIXELS, animated: false })
      .rotate()
      .resize({ width, withoutEnlargement: true })
    for (const { format, mime } of FORMATS) {
      let { data, info } = await (format === "webp" ? resized.clone().webp({ quality: 80 }) : resized.clone().avif({ quality: 50, effort: 2 }))
        .toBuffer({ resolveWithObject: true })
      // Drawings, logos and flat product tiles (PNG, GIF) are often smaller as lossless
      // WebP than lossy, and exact: the smaller one is kept.
      if (format === "webp" && LOSSLESS_SOURCES.has(image.format)) {
        const lossless = await resized.clone().webp({ lossless: true }).toBuffer({ resolveWithObject: true })
        if (lossless.data.length < data.length) {
          ;({ data, info } = lossless)
        }
      }
      // A variant as heavy as the original is not worth serving: without it, a srcset
      // falls back to the next width of the format, or to the original.
      if (data.length >= image.size) {
        continue
      }
      variants.push({
        width: info.width,
        height: info.height,
        format,
        mime_type: mime,
        size: data.length,
        filename: `media/${image.hash}/${info.width}w.${format}`,
        content: data,
      })
    }
  }
  return variants
}
