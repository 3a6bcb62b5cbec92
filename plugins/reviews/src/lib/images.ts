import { inspectImage, reencodeImage } from "@keel/core/media"

export const REVIEW_PHOTO_MAX_BYTES = 5 * 1024 * 1024
export const REVIEW_PHOTOS_MAX = 6
/** Longest side of a stored review photo, in pixels. */
export const REVIEW_PHOTO_MAX_DIMENSION = 2048

export type ReviewPhotoFile = { filename: string; mimeType: string; content: string }

/**
 * A shopper's photo as it is stored: decoded in full (@keel/core/media: JPEG, PNG, GIF, WebP or
 * AVIF within the size and pixel limits, whatever its name or declared type), then written again
 * by sharp in its own format, upright, at most 2048 pixels on its long side and without metadata
 * (no EXIF location). Its key's extension comes from the decoded type, never from the client.
 */
export async function prepareReviewPhoto(name: string, bytes: Buffer): Promise<ReviewPhotoFile> {
  const image = await inspectImage(name, bytes, { maxBytes: REVIEW_PHOTO_MAX_BYTES, prefix: "reviews" })
  const written = await reencodeImage(bytes, image, { maxDimension: REVIEW_PHOTO_MAX_DIMENSION })
  return { filename: image.filename, mimeType: image.mime_type, content: written.content.toString("base64") }
}
