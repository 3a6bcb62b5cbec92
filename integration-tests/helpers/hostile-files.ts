import zlib from "zlib"

/**
 * Files an attacker uploads as "photos", each of which some upload route once stored and served:
 * script behind image magic bytes, SVG with script, a truncated JPEG, a header claiming a huge
 * picture, and a real image with HTML hidden after it.
 */

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

/** The script every hostile file carries: it reads the admin's account with the admin's session and says so in the title. */
export const PAYLOAD = "<script>fetch('/admin/users/me').then(r=>r.text()).then(t=>{document.title='pwned:'+t.slice(0,40)})</script>"

/** PNG magic bytes with an HTML page behind them. */
export const polyglot = () => Buffer.concat([PNG_MAGIC, Buffer.from(`<html><body>${PAYLOAD}</body></html>`)])

/** An SVG image that runs a script when opened. */
export const scriptedSvg = () => Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/>${PAYLOAD}</svg>`)

/** The first three bytes of a JPEG and nothing else. */
export const truncatedJpeg = () => Buffer.from([0xff, 0xd8, 0xff])

function chunk(type: string, data: Buffer) {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(zlib.crc32(Buffer.concat([Buffer.from(type), data])) >>> 0)
  return Buffer.concat([length, Buffer.from(type), data, crc])
}

/**
 * A PNG whose header claims `width` × `height` pixels, with the data of a single row: a small file
 * that a decoder would expand to gigabytes, a decompression bomb's header.
 */
export function pixelBombPng(width = 60000, height = 60000) {
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header.set([8, 2, 0, 0, 0], 8) // 8-bit RGB
  const firstRow = zlib.deflateSync(Buffer.alloc(1 + width * 3))
  return Buffer.concat([PNG_MAGIC, chunk("IHDR", header), chunk("IDAT", firstRow), chunk("IEND", Buffer.alloc(0))])
}

/** A real image with an HTML page appended after its end: it decodes, and the page is still in the bytes. */
export const withHiddenPage = (image: Buffer) => Buffer.concat([image, Buffer.from(`<html>${PAYLOAD}</html>`)])

/** Every file no upload route may store, by a name that says what it is. */
export const HOSTILE_UPLOADS: [name: string, content: () => Buffer][] = [
  ["photo.html", polyglot],
  ["logo.svg", scriptedSvg],
  ["tiny.jpg", truncatedJpeg],
  ["bomb.png", () => pixelBombPng()],
]
