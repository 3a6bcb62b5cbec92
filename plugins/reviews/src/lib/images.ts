/** The image kinds a review photo may be, recognised by their first bytes (not the client's word). */
export function imageKind(bytes: Buffer): "image/jpeg" | "image/png" | "image/gif" | "image/webp" | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "image/jpeg"
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return "image/png"
  if (bytes.length >= 6 && ["GIF87a", "GIF89a"].includes(bytes.subarray(0, 6).toString("latin1"))) return "image/gif"
  if (bytes.length >= 12 && bytes.subarray(0, 4).toString("latin1") === "RIFF" && bytes.subarray(8, 12).toString("latin1") === "WEBP") return "image/webp"
  return null
}

export const REVIEW_PHOTO_MAX_BYTES = 5 * 1024 * 1024
export const REVIEW_PHOTOS_MAX = 6
