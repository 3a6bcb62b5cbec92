import http from "http"
import fc from "fast-check"
import { polyglot } from "./hostile-files"

/**
 * What a hostile client sends, as fast-check arbitraries, and a raw HTTP client that sends it
 * byte for byte (axios and fetch would normalise a broken URL before it left).
 */

/** Strings that have broken something somewhere: encodings, sizes, types in disguise, dates past 9999. */
export const NASTY_STRINGS = [
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "\ud800",
  "x\udfff",
  "\ud83d\ude00",
  "\u202e\u0007\u001b[31m",
  "\r\n\r\n",
  "x".repeat(5000),
  "x".repeat(100_000),
  "99999-01-01",
  "+275760-09-13T00:00:00.000Z",
  "-000001-01-01",
  "0000-00-00",
  "0001-01-01",
  "9999-12-31T23:59:59.999Z",
  "2024-02-30",
  "true",
  "false",
  "null",
  "-1",
  "0",
  "1e400",
  "99999999999999999999",
  "NaN",
  "0x10",
  "__proto__",
  "constructor",
  "<script>alert(1)</script>",
  "' OR 1=1 --",
  "%",
  "%E0%A4%A",
  "../../../../etc/passwd",
  "prod_01JBOGUS0000000000000000",
  "ＡＢＣ ǅ ß",
]

/** A path segment as it goes on the wire (already encoded, or deliberately not). */
export const NASTY_SEGMENTS = [
  "%00",
  "a%00b",
  "%E0%A4%A",
  "%ED%A0%80",
  "%zz",
  "%",
  "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
  "%2F",
  "..",
  "a".repeat(5000),
  "%F0%9F%98%80",
  "%C0%AF",
  "x%20y",
  "99999-01-01",
  "true",
]

const nastyString = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...NASTY_STRINGS), fc.string({ maxLength: 10 })).map(([a, b]) => a + b) }
)

/** Strings encoded for a URL, a few of them left broken on purpose. */
export function encoded(value: string): string {
  try {
    return encodeURIComponent(value)
  } catch {
    // A lone surrogate cannot be encoded: send the bytes a careless client would.
    return "%ED%A0%80"
  }
}

export const nastySegment = fc.oneof(fc.constantFrom(...NASTY_SEGMENTS), nastyString.map(encoded))

/** What a route is known to read: field names, accepted literals (enum values) and real ids of the shop. */
export type Vocabulary = { fields: string[]; literals: string[]; ids: string[] }

const pick = <T>(values: T[], fallback: T) => (values.length ? fc.constantFrom(...values) : fc.constant(fallback))

/** A leaf a client could send: nasty strings, plausible literals and ids, extreme numbers, wrong types. */
function nastyLeaf(v: Vocabulary): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 4, arbitrary: nastyString },
    { weight: 2, arbitrary: pick(v.literals, "x") },
    { weight: 1, arbitrary: pick(v.ids, "x") },
    { weight: 1, arbitrary: fc.constantFrom(0, -1, 1, 3, 5, 1.5, -0, 1e308, -1e308, 2 ** 53 + 1, 99999, 1e21) },
    { weight: 1, arbitrary: fc.integer() },
    { weight: 1, arbitrary: fc.boolean() },
    { weight: 1, arbitrary: fc.constant(null) }
  )
}

/** Any JSON value, nested: objects mostly keyed by the route's own fields. */
export function nastyJson(v: Vocabulary): fc.Arbitrary<unknown> {
  const key = fc.oneof({ weight: 5, arbitrary: pick(v.fields, "id") }, { weight: 1, arbitrary: nastyString })
  return fc.letrec<{ value: unknown }>((tie) => ({
    value: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      nastyLeaf(v),
      fc.array(tie("value"), { maxLength: 3 }),
      fc.dictionary(key, tie("value"), { maxKeys: 4 })
    ),
  })).value
}

/** A JSON object whose keys are mostly the field names the route knows, with nasty values. */
export function nastyObject(v: Vocabulary): fc.Arbitrary<Record<string, unknown>> {
  const key = fc.oneof({ weight: 6, arbitrary: pick(v.fields, "id") }, { weight: 1, arbitrary: nastyString })
  return fc.dictionary(key, nastyJson(v), { minKeys: 1, maxKeys: 5 })
}

/** A raw query string: known and nasty names, bracket forms, nasty, broken and plausible values. */
export function nastyQuery(v: Vocabulary): fc.Arbitrary<string> {
  const field = pick(v.fields, "limit")
  const name = fc.oneof(
    { weight: 6, arbitrary: field },
    { weight: 1, arbitrary: nastySegment },
    { weight: 1, arbitrary: field.map((f) => `${f}[]`) },
    { weight: 1, arbitrary: field.map((f) => `${f}[$gt]`) },
    { weight: 1, arbitrary: field.map((f) => `${f}.x.y`) }
  )
  const value = fc.oneof(
    { weight: 4, arbitrary: nastySegment },
    { weight: 2, arbitrary: pick(v.literals, "x").map(encoded) },
    { weight: 1, arbitrary: pick(v.ids, "x").map(encoded) },
    { weight: 1, arbitrary: fc.integer().map(String) }
  )
  return fc.array(fc.tuple(name, value), { minLength: 1, maxLength: 4 }).map((pairs) => pairs.map(([k, val]) => `${k}=${val}`).join("&"))
}

export type RawBody = { contentType?: string; body: Buffer }

const BOUNDARY = "----keelfuzz"
const part = (headers: string, content: string | Buffer) =>
  Buffer.concat([Buffer.from(`--${BOUNDARY}\r\n${headers}\r\n\r\n`), Buffer.isBuffer(content) ? content : Buffer.from(content), Buffer.from("\r\n")])
const closing = Buffer.from(`--${BOUNDARY}--\r\n`)
const multipart = (...parts: Buffer[]): RawBody => ({ contentType: `multipart/form-data; boundary=${BOUNDARY}`, body: Buffer.concat(parts) })

/** PNG magic bytes with a script behind them, named .html: the polyglot that once reached the admin. */
const POLYGLOT = polyglot()

/** Malformed and hostile multipart bodies. */
export const nastyMultipart: fc.Arbitrary<RawBody> = fc.oneof(
  fc.constant<RawBody>({ contentType: "multipart/form-data", body: Buffer.from("--x\r\n\r\n") }),
  fc.constant(multipart(part('Content-Disposition: form-data; name="files"; filename="a.png"\r\nContent-Type: image/png', POLYGLOT))),
  fc.constant({ ...multipart(part('Content-Disposition: form-data; name="files"; filename="a.png"', "truncated")), body: Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="files"; filename="a.png"\r\n\r\nabc`) }),
  fc.constant(multipart(part('Content-Disposition: form-data; name="files"; filename="a\u0000.png"', POLYGLOT), closing)),
  fc.constant(multipart(part('Content-Disposition: form-data; name="file"; filename="photo.png"\r\nContent-Type: image/png', POLYGLOT), closing)),
  fc.constant(multipart(part('Content-Disposition: form-data; name="files"; filename="photo.html"\r\nContent-Type: text/html', POLYGLOT), closing)),
  fc.constant(multipart(part("X-Nothing: here", "no disposition"), closing)),
  fc.constant(multipart(part(`Content-Disposition: form-data; name="${"n".repeat(2000)}"`, "long name"), closing)),
  fc.constant(multipart(...Array.from({ length: 30 }, (_, i) => part(`Content-Disposition: form-data; name="files"; filename="${i}.png"`, POLYGLOT)), closing)),
  fc.constant(multipart(closing)),
  nastyString.map((name) => multipart(part(`Content-Disposition: form-data; name="files"; filename="${name.replace(/"/g, "")}"`, POLYGLOT), closing))
)

/** Bodies that are not what their Content-Type says. */
export const nastyRawBody: fc.Arbitrary<RawBody> = fc.oneof(
  fc.constantFrom<RawBody>(
    { contentType: "application/json", body: Buffer.from("{") },
    { contentType: "application/json", body: Buffer.from("") },
    { contentType: "application/json", body: Buffer.from('"\\u0000"') },
    { contentType: "application/json", body: Buffer.from("[".repeat(20_000)) },
    { contentType: "application/json", body: Buffer.from(`{"a":${"[".repeat(3000)}${"]".repeat(3000)}}`) },
    { contentType: "application/json", body: Buffer.from([0xff, 0xfe, 0x7b, 0x7d]) },
    { contentType: "application/json; charset=utf-16", body: Buffer.from("{}") },
    { contentType: "application/x-www-form-urlencoded", body: Buffer.from("a=%00&b=%E0%A4%A&c[d][e][f]=1") },
    { contentType: "text/plain", body: Buffer.from("hello") },
    { body: Buffer.from("{}") }
  ),
  nastyString.map((s) => ({ contentType: "application/json", body: Buffer.from(JSON.stringify(s)) }))
)

export type RawReply = { status: number; headers: http.IncomingHttpHeaders; body: string }

/** Sends exactly these bytes: the path is not normalised or re-encoded. `from` is the local address to send from (any of 127.0.0.0/8). */
export function rawRequest(port: number, method: string, path: string, headers: Record<string, string>, body?: RawBody, from?: string): Promise<RawReply> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: "127.0.0.1",
        port,
        localAddress: from,
        method,
        path,
        headers: { ...headers, ...(body?.contentType ? { "content-type": body.contentType } : {}), ...(body ? { "content-length": String(body.body.length) } : {}) },
        insecureHTTPParser: true,
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on("data", (chunk) => chunks.push(chunk))
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }))
        res.on("error", reject)
      }
    )
    request.setTimeout(20_000, () => request.destroy(new Error(`no answer in 20 s: ${method} ${path.slice(0, 200)}`)))
    request.on("error", reject)
    request.end(body?.body)
  })
}
