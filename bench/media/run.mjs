#!/usr/bin/env node
// Product media: what the edge cache (`npm run cdn`, scripts/cdn.mjs) and the responsive variants buy.
//   (a) one 800 px wide WebP variant, rendered by Keel's own renderer (src/lib/media/variants.ts)
//       and stored the way Keel's S3 provider stores it (Cache-Control immutable) in an S3 server
//       (s3rver): loaded with wrk, 20 connections, from that origin directly and through the nginx
//       edge in front of it, in the same run. The seed images are 480 px: one is enlarged to
//       1600 px first, as an upload would be, and the renderer makes its 800 px variant
//       (BENCH_IMAGE=<photo> uses a photo of your own instead: a flat seed tile is a few kB).
//   (b) bytes: every image in data/images against its WebP and AVIF variants at each width the
//       renderer produces for it (and at the image's own width), totals and ratios.
// Usage: node bench/media/run.mjs [--write]   (--write appends the tables to bench/RESULTS.md)
// BENCH_SECONDS (default 20) per load, BENCH_IMAGE (above). Needs wrk (apt-get install wrk) and nginx (apt-get install nginx-light).
import { spawn, spawnSync } from "node:child_process"
import fs from "node:fs"
import { createRequire } from "node:module"
import net from "node:net"
import os from "node:os"
import path from "node:path"
import { fileURLToPath } from "node:url"

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..")
const require = createRequire(import.meta.url)
const seconds = Number(process.env.BENCH_SECONDS || 20)
const connections = 20
const bucket = "keel-media"
const work = fs.mkdtempSync(path.join(os.tmpdir(), "keel-bench-media-"))
const IMMUTABLE = "public, max-age=31536000, immutable"
let cdn = null
let s3 = null

if (spawnSync("which", ["wrk"]).status !== 0) {
  console.error("wrk not found: apt-get install wrk")
  process.exit(1)
}

// Keel's renderer, TypeScript loaded through ts-node (the repository's tsconfig, swc, no type check).
require("ts-node").register({ transpileOnly: true })
const { inspectImage, renderVariants, variantWidths } = require(path.join(root, "src/lib/media/variants.ts"))
const sharp = require("sharp")
const S3rver = require("s3rver")
const { PutObjectCommand, S3Client } = require("@aws-sdk/client-s3")

function freePort() {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })
}

/** wrk, asynchronously: the S3 server answers from this process meanwhile. */
function wrk(url, args = ["-t2", `-c${connections}`, `-d${seconds}s`, "--latency"]) {
  return new Promise((resolve, reject) => {
    const proc = spawn("wrk", [...args, url], { stdio: ["ignore", "pipe", "inherit"] })
    let out = ""
    proc.stdout.on("data", (chunk) => (out += chunk))
    proc.once("error", reject)
    proc.once("exit", () => {
      const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? 0)
      const ms = (label) => {
        const m = new RegExp(`${label}%\\s+([\\d.]+)(us|ms|s)`).exec(out)
        if (!m) return NaN
        return Number(m[1]) * { us: 0.001, ms: 1, s: 1000 }[m[2]]
      }
      const transfer = /Transfer\/sec:\s+([\d.]+\w+)/.exec(out)?.[1] ?? "?"
      const non2xx = Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(out)?.[1] ?? 0)
      const errors = /Socket errors:.*/.exec(out)?.[0] ?? ""
      resolve({ rps, p50: ms(" 50"), p99: ms(" 99"), transfer, non2xx, errors })
    })
  })
}

async function startCdn(origin) {
  const port = await freePort()
  const cacheDir = path.join(work, "cdn")
  let output = ""
  cdn = spawn(process.execPath, [path.join(root, "scripts", "cdn.mjs")], {
    cwd: root,
    env: { ...process.env, CDN_ORIGIN: origin, CDN_PORT: String(port), CDN_CACHE_DIR: cacheDir },
    stdio: ["ignore", "pipe", "pipe"],
  })
  cdn.stdout.on("data", (chunk) => (output += chunk))
  cdn.stderr.on("data", (chunk) => (output += chunk))
  const deadline = Date.now() + 20_000
  while (!output.includes("CDN http")) {
    if (cdn.exitCode !== null || Date.now() > deadline) throw new Error(`scripts/cdn.mjs did not start:\n${output}`)
    await new Promise((r) => setTimeout(r, 100))
  }
  console.log(output.trim())
  return { url: `http://127.0.0.1:${port}`, cacheDir }
}

async function stopCdn() {
  if (!cdn || cdn.exitCode !== null) return
  const exited = new Promise((resolve) => cdn.once("exit", resolve))
  cdn.kill("SIGTERM")
  await exited
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} kB`

/** (a) req/s and p99 of one 800 px WebP: the S3 origin directly, then through the edge. */
async function loadOneImage() {
  s3 = new S3rver({ port: 0, address: "127.0.0.1", silent: true, directory: path.join(work, "s3"), configureBuckets: [{ name: bucket }] })
  const { port } = await s3.run()
  const client = new S3Client({
    region: "us-east-1",
    endpoint: `http://127.0.0.1:${port}`,
    forcePathStyle: true,
    credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
  })
  // The seed tiles are 480 px: one is enlarged to 1600 px as an upload. BENCH_IMAGE loads a photo of your own instead.
  const source = process.env.BENCH_IMAGE ? path.resolve(process.env.BENCH_IMAGE) : path.join(root, "data", "images", "breton-stripe-tee.png")
  const upload = process.env.BENCH_IMAGE
    ? fs.readFileSync(source)
    : await sharp(source).resize({ width: 1600 }).png().toBuffer()
  const inspected = await inspectImage(path.basename(source), upload)
  const variant = (await renderVariants(upload, inspected, [800])).find((v) => v.format === "webp")
  if (!variant) throw new Error(`${source}: its 800 px WebP would not be smaller than the original, so Keel does not make one`)
  await client.send(
    new PutObjectCommand({ Bucket: bucket, Key: variant.filename, Body: variant.content, ContentType: variant.mime_type, CacheControl: IMMUTABLE })
  )
  client.destroy()
  const origin = `http://127.0.0.1:${port}/${bucket}`
  const edge = await startCdn(origin)
  const image = {
    name: variant.filename,
    width: variant.width,
    height: variant.height,
    size: variant.content.length,
    source: process.env.BENCH_IMAGE ? `BENCH_IMAGE=${path.basename(source)}` : "data/images/breton-stripe-tee.png enlarged to 1600 px",
  }
  console.log(`image: ${image.name}, ${image.width}×${image.height} WebP, ${kb(image.size)}`)

  const results = {}
  for (const [label, base] of [["origin", origin], ["edge", edge.url]]) {
    const url = `${base}/${variant.filename}`
    const res = await fetch(url)
    const body = Buffer.from(await res.arrayBuffer())
    if (res.status !== 200 || !body.equals(variant.content)) throw new Error(`${url}: ${res.status}, ${body.length} bytes`)
    await wrk(url, ["-t1", "-c2", "-d2s"]) // warm-up
    results[label] = await wrk(url)
    console.log(`${label}: ${JSON.stringify(results[label])}`)
  }
  const after = await fetch(`${edge.url}/${variant.filename}`)
  results.edge.cacheStatus = after.headers.get("x-cache-status")
  await after.arrayBuffer()
  await stopCdn()
  // The edge's access log (flushed when nginx stops): how many of its answers went to the origin.
  const log = fs.readFileSync(path.join(edge.cacheDir, "access.log"), "utf8").split("\n").filter(Boolean)
  results.edge.requests = log.length
  results.edge.misses = log.filter((line) => / (MISS|EXPIRED|BYPASS|UPDATING|STALE) /.test(line)).length
  await s3.close()
  s3 = null
  return { image, ...results }
}

/** (b) every seed image against its variants, grouped by width. */
async function byteSavings() {
  const dir = path.join(root, "data", "images")
  const files = fs.readdirSync(dir).filter((f) => /\.(png|jpe?g|webp|gif|avif)$/i.test(f)).sort()
  // What a browser asking for width W in a format downloads: that variant, or, where Keel did
  // not make it (not smaller than the original), the next wider variant of the format, else
  // the original. `made` counts the variants that exist.
  const groups = new Map() // label -> { images, original, webp, avif, made }
  const add = (label, original, variants, width) => {
    const g = groups.get(label) ?? { images: 0, original: 0, webp: 0, avif: 0, made: 0 }
    g.images++
    g.original += original
    for (const format of ["webp", "avif"]) {
      const served = variants.filter((v) => v.format === format && v.width >= width).sort((a, b) => a.width - b.width)[0]
      g[format] += served ? served.size : original
      g.made += served && served.width === width ? 1 : 0
    }
    groups.set(label, g)
  }
  const widths = new Set()
  for (const file of files) {
    const content = fs.readFileSync(path.join(dir, file))
    const inspected = await inspectImage(file, content)
    const variants = await renderVariants(content, inspected)
    for (const v of variants) widths.add(v.width)
    for (const width of variantWidths(inspected.width).filter((w) => w !== inspected.width)) {
      add(`${width} w`, content.length, variants, width)
    }
    add("original width", content.length, variants, inspected.width)
  }
  const sizes = [...new Set(await Promise.all(files.map(async (f) => (await sharp(path.join(dir, f)).metadata()).width)))]
  return { files: files.length, sizes, groups }
}

async function main() {
  const loadBefore = os.loadavg()[0]
  const load = await loadOneImage()
  const bytes = await byteSavings()

  const date = new Date().toISOString().slice(0, 10)
  const ratio = (a, b) => `${(a / b).toFixed(2)}×`
  const fmt = (r) => `| ${r.rps.toFixed(0)} | ${r.p50.toFixed(2)} | ${r.p99.toFixed(2)} | ${r.transfer} | ${r.non2xx}${r.errors ? ` (${r.errors})` : ""} |`
  const lines = [
    "",
    `### Media: one 800 px WebP from the S3 origin and through the nginx edge (${date})`,
    "",
    `Machine: ${os.cpus().length} cores (${os.cpus()[0].model.trim()}), ${Math.round(os.totalmem() / 2 ** 30)} GiB; origin, edge and wrk on the same cores (1-minute load average before the run: ${loadBefore.toFixed(2)}).`,
    `Command: \`node bench/media/run.mjs${process.argv.includes("--write") ? " --write" : ""}\`; wrk -t2 -c${connections} -d${seconds}s after a 2 s warm-up, on ` +
      `\`${load.image.name}\` (${load.image.width}×${load.image.height}, ${kb(load.image.size)}, rendered by \`renderVariants\` from ${load.image.source}) ` +
      `in s3rver (path style, \`Cache-Control: ${IMMUTABLE}\`), then through \`scripts/cdn.mjs\` (nginx ${nginxVersion()}) in front of it.`,
    "",
    "| target | req/s | p50 ms | p99 ms | transfer/s | non-2xx | edge / origin |",
    "|---|---|---|---|---|---|---|",
    `| S3 origin (s3rver) ${fmt(load.origin)} 1× |`,
    `| nginx edge (\`npm run cdn\`) ${fmt(load.edge)} ${ratio(load.edge.rps, load.origin.rps)} req/s, p99 ${ratio(load.edge.p99, load.origin.p99)} |`,
    "",
    `The edge answered ${load.edge.requests.toLocaleString("en-US")} requests (warm-up and load), ${load.edge.misses} of them from the origin ` +
      `(X-Cache-Status after the load: ${load.edge.cacheStatus}).`,
    "",
    `#### Bytes: data/images (${bytes.files} images, ${bytes.sizes.map((w) => `${w} px`).join(", ")} wide) against Keel's variants (WebP q80 or lossless when smaller, AVIF q50 effort 2; a variant not smaller than its original is not made)`,
    "",
    "What a browser downloads for each width and format: the variant, or where none was made the next wider variant of the format, else the original.",
    "",
    "| width | images | variants made | originals | WebP | WebP / original | AVIF | AVIF / original |",
    "|---|---|---|---|---|---|---|---|",
    ...[...bytes.groups.entries()].map(
      ([label, g]) =>
        `| ${label} | ${g.images} | ${g.made} of ${2 * g.images} | ${kb(g.original)} | ${kb(g.webp)} | ${(g.webp / g.original).toFixed(2)} | ${kb(g.avif)} | ${(g.avif / g.original).toFixed(2)} |`
    ),
    "",
  ]
  console.log(lines.join("\n"))
  if (process.argv.includes("--write")) fs.appendFileSync(path.join(root, "bench", "RESULTS.md"), lines.join("\n"))
}

function nginxVersion() {
  const nginx = spawnSync("which", ["nginx"]).status === 0 ? "nginx" : "/usr/sbin/nginx"
  return /nginx\/([\d.]+)/.exec(spawnSync(nginx, ["-v"], { encoding: "utf8" }).stderr)?.[1] ?? "?"
}

async function cleanup() {
  await stopCdn().catch(() => undefined)
  await s3?.close().catch(() => undefined)
  fs.rmSync(work, { recursive: true, force: true })
}

main().then(
  async () => {
    await cleanup()
    process.exit(0)
  },
  async (error) => {
    console.error(error)
    await cleanup()
    process.exit(1)
  }
)
