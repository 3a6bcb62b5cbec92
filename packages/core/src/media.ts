import { createHash } from "crypto"
import { MedusaError } from "@medusajs/framework/utils"
import sharp from "sharp"
import { quoted } from "./text"

/**
 * Uploaded images, decoded before anything is stored: what a file is comes from decoding it
 * (sharp), never from its name, its declared type or its first bytes. Shared by every upload
 * route (the admin's product media, shoppers' review photos), so both refuse the same files.
 */

export type InspectedImage = {
  /** The first 20 hex digits of the bytes' SHA-256. */
  hash: string
  width: number
  height: number
  /** sharp's name of the format (jpeg, png, webp, heif, gif). */
  format: string
  mime_type: string
  /** The extension stored files get: from the decoded format, never the client's name. */
  extension: string
  size: number
  /** `<prefix>/<hash>/<safe base name>.<extension>`: the key the original is stored under. */
  filename: string
}

/** The raster formats accepted (no SVG: it can carry scripts), with the type and extension they are stored with. */
export const ACCEPTED_IMAGE_FORMATS: Record<string, { mime: string; extension: string }> = {
  jpeg: { mime: "image/jpeg", extension: "jpg" },
  png: { mime: "image/png", extension: "png" },
  webp: { mime: "image/webp", extension: "webp" },
  heif: { mime: "image/avif", extension: "avif" },
  gif: { mime: "image/gif", extension: "gif" },
}

/** The content types served for stored images, by extension. */
export const IMAGE_TYPES_BY_EXTENSION: Record<string, string> = {
  ...Object.fromEntries(Object.values(ACCEPTED_IMAGE_FORMATS).map(({ mime, extension }) => [extension, mime])),
  jpeg: "image/jpeg",
}

/** A decompression bomb (a small file that decodes to billions of pixels) is refused. */
export const DEFAULT_MAX_INPUT_PIXELS = 50_000_000

export type ImageLimits = {
  /** Largest file accepted, in bytes. */
  maxBytes: number
  /** Most pixels (width × height) a file may decode to (default 50 million). */
  maxPixels?: number
  /** Folder of the stored key (default "media"). */
  prefix?: string
}

/** A file name reduced to safe characters: no directories, no dots, at most 60 characters. */
export function safeBaseName(name: string): string {
  const base = name.replace(/\\/g, "/").split("/").pop() ?? ""
  const stem = base.includes(".") ? base.slice(0, base.lastIndexOf(".")) : base
  const safe = stem
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
  return safe || "image"
}

/**
 * Checks that `content` is an image Keel accepts and says what it is. Refuses, with a 400 naming
 * the file: an empty file, one over the size limit, one that decodes to more than the pixel limit,
 * anything sharp cannot fully decode as one of the accepted raster formats (a text or HTML file
 * behind PNG magic bytes, an SVG, a PDF, a truncated JPEG, a header that only claims a size).
 */
export async function inspectImage(name: string, content: Buffer, limits: ImageLimits): Promise<InspectedImage> {
  // The client's own name, bounded and quoted, so the refusal says which file it means.
  const label = quoted(name, 80)
  const maxPixels = limits.maxPixels ?? DEFAULT_MAX_INPUT_PIXELS
  if (!content.length) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `File ${label} is empty`)
  }
  if (content.length > limits.maxBytes) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `File ${label} is ${content.length} bytes; images may be at most ${limits.maxBytes} bytes`)
  }
  let metadata: sharp.Metadata
  try {
    // The header only (no pixel is decoded here), so a picture too large is refused by its own size below.
    metadata = await sharp(content, { limitInputPixels: false }).metadata()
  } catch {
    metadata = {} as sharp.Metadata
  }
  const accepted = metadata.format ? ACCEPTED_IMAGE_FORMATS[metadata.format] : undefined
  if (!accepted || !metadata.width || !metadata.height) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `File ${label} is not an image Keel accepts (JPEG, PNG, WebP, AVIF or GIF)`)
  }
  if (metadata.width * (metadata.pageHeight ?? metadata.height) > maxPixels) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `File ${label} is ${metadata.width}×${metadata.height} pixels; images may have at most ${maxPixels} pixels`
    )
  }
  // Decode it fully once: a truncated or corrupt file passes the header check above.
  try {
    await sharp(content, { limitInputPixels: maxPixels }).stats()
  } catch (error) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `File ${label} could not be decoded as an image: ${(error as Error).message}`)
  }
  // EXIF orientations 5-8 turn the picture a quarter: the stored variants are upright.
  const turned = (metadata.orientation ?? 1) >= 5
  const hash = createHash("sha256").update(content).digest("hex").slice(0, 20)
  return {
    hash,
    width: turned ? metadata.height : metadata.width,
    height: turned ? metadata.width : metadata.height,
    format: metadata.format!,
    mime_type: accepted.mime,
    extension: accepted.extension,
    size: content.length,
    filename: `${limits.prefix ?? "media"}/${hash}/${safeBaseName(name)}.${accepted.extension}`,
  }
}

/**
 * An inspected image written again by sharp in its own format: upright, at most `maxDimension`
 * pixels on its long side, without metadata (no EXIF location of a shopper's phone), and without
 * any bytes the decoder skipped (what a polyglot hides after the image is gone). An animation keeps
 * its first frame: the pixel limit holds per frame, and a thousand frames would be a bomb of their own.
 */
export async function reencodeImage(content: Buffer, image: InspectedImage, { maxDimension, maxPixels = DEFAULT_MAX_INPUT_PIXELS }: { maxDimension: number; maxPixels?: number }) {
  const pipeline = sharp(content, { limitInputPixels: maxPixels, animated: false })
    .rotate()
    .resize({ width: maxDimension, height: maxDimension, fit: "inside", withoutEnlargement: true })
  const encoded = await (image.format === "jpeg"
    ? pipeline.jpeg({ quality: 85, mozjpeg: true })
    : image.format === "png"
      ? pipeline.png({ compressionLevel: 9 })
      : image.format === "webp"
        ? pipeline.webp({ quality: 85 })
        : image.format === "gif"
          ? pipeline.gif()
          : pipeline.avif({ quality: 60, effort: 2 })
  ).toBuffer({ resolveWithObject: true })
  return { content: encoded.data, width: encoded.info.width, height: encoded.info.height, size: encoded.data.length }
}
