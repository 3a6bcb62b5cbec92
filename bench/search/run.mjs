#!/usr/bin/env node
// Product search at scale: Keel's POST /store/search (keel-postgres provider) against
// Medusa's stock search-postgres (typo tolerance requested) and GET /store/products?q=,
// on one database holding the bench catalog (bench/search/catalog.mjs, 100,000 products).
// 1,000 queries (exact, prefix, 1-typo, 2-typo, multi-word; 200 each) at 20 concurrent
// clients per target, after a warm-up: throughput, p50/p95/p99 latency, recall@5.
//
// Usage: node bench/search/run.mjs [--reuse] [--write]
//   --reuse   keep the database of a previous run (database keel_bench_search) when it
//             holds the catalog; otherwise it is rebuilt (~15 min at 100k)
//   --write   append the table to bench/RESULTS.md
// BENCH_PRODUCTS (default 100000), BENCH_QUERIES (1000), BENCH_CONCURRENCY (20).
// BENCH_URL and BENCH_DATABASE_URL load a Keel that is already running on that database;
// BENCH_ONLY=keel|stock|products loads one target. Both are for tuning; the table needs all three.
// Needs PostgreSQL on localhost:5432 (DB_* env to change). Runs without Redis.
import { spawn, spawnSync } from "node:child_process"
import fs from "node:fs"
import net from "node:net"
import os from "node:os"
import path from "node:path"
import { performance } from "node:perf_hooks"
import { fileURLToPath, URLSearchParams } from "node:url"
import pg from "pg"
import { benchCatalog, random } from "./catalog.mjs"

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..")
const args = new Set(process.argv.slice(2))
const productCount = Number(process.env.BENCH_PRODUCTS || 100_000)
const queryCount = Number(process.env.BENCH_QUERIES || 1000)
const concurrency = Number(process.env.BENCH_CONCURRENCY || 20)
// The stock provider scans every document twice per typo-tolerant query (~7 s each at 100k
// products) and Medusa's q= runs ILIKE over the catalog (~0.8 s): they get the first 100 and
// 200 queries of the same list (the kinds in equal shares), or the run would take hours.
const stockQueryCount = Number(process.env.BENCH_STOCK_QUERIES || Math.min(queryCount, 100))
const productsQueryCount = Number(process.env.BENCH_PRODUCTS_QUERIES || Math.min(queryCount, 200))
const dbName = "keel_bench_search"
const dbUser = process.env.DB_USERNAME || "postgres"
const dbAuth = process.env.DB_PASSWORD ? `${dbUser}:${encodeURIComponent(process.env.DB_PASSWORD)}` : dbUser
const dbServer = `${process.env.DB_HOST || "localhost"}:${process.env.DB_PORT || 5432}`
const adminUrl = `postgres://${dbAuth}@${dbServer}/postgres`
const databaseUrl = `postgres://${dbAuth}@${dbServer}/${dbName}`
const work = fs.mkdtempSync(path.join(os.tmpdir(), "keel-bench-search-"))
const env = { ...process.env, DATABASE_URL: databaseUrl, KEEL_SEARCH_STOCK_INDEX: "true", MEDUSA_DISABLE_TELEMETRY: "true", BENCH_PRODUCTS: String(productCount) }
delete env.REDIS_URL
let server

function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address()
      s.close(() => resolve(port))
    })
  })
}

function step(label, command, commandArgs, log) {
  console.log(`[bench] ${label} (log: ${log})`)
  const started = Date.now()
  const out = fs.openSync(log, "w")
  const result = spawnSync(command, commandArgs, { cwd: root, env, stdio: ["ignore", out, out] })
  if (result.status !== 0) throw new Error(`${label} failed, see ${log}`)
  return (Date.now() - started) / 1000
}

async function sql(url, text, params = []) {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return (await client.query(text, params)).rows
  } finally {
    await client.end()
  }
}

async function prepareDatabase() {
  const exists = (await sql(adminUrl, "SELECT 1 FROM pg_database WHERE datname = $1", [dbName])).length > 0
  if (args.has("--reuse") && exists) {
    const [{ n }] = await sql(databaseUrl, "SELECT count(*)::int AS n FROM product WHERE deleted_at IS NULL")
    if (n >= productCount) {
      console.log(`[bench] reusing ${dbName} (${n} products)`)
      return null
    }
  }
  await sql(adminUrl, `DROP DATABASE IF EXISTS ${dbName}`)
  await sql(adminUrl, `CREATE DATABASE ${dbName}`)
  const seed = step("migrate and seed", "node", ["scripts/keel.mjs", "seed"], path.join(work, "seed.log"))
  const generate = step(`generate ${productCount} products and index them`, path.join(root, "node_modules/.bin/medusa"), ["exec", "./bench/search/generate.ts"], path.join(work, "generate.log"))
  const indexed = /Indexed in (\d+) s/.exec(fs.readFileSync(path.join(work, "generate.log"), "utf8"))
  return { seed, generate, index: indexed ? Number(indexed[1]) : null }
}

async function startServer() {
  const port = await freePort()
  console.log(`[bench] starting Keel (npm start's path, production build) on ${port}`)
  const log = fs.openSync(path.join(work, "server.log"), "w")
  server = spawn("node", ["scripts/keel.mjs", "start"], { cwd: root, env: { ...env, PORT: String(port) }, stdio: ["ignore", log, log], detached: true })
  const deadline = Date.now() + 600_000
  while (Date.now() < deadline) {
    if (await fetch(`http://localhost:${port}/health`).then((r) => r.ok, () => false)) return `http://localhost:${port}`
    if (server.exitCode !== null) break
    await new Promise((r) => setTimeout(r, 500))
  }
  throw new Error(`Keel did not start, see ${path.join(work, "server.log")}`)
}

/**
 * One edit a shopper makes: swap two neighbours, drop a letter, or double one, never on
 * the first letter (Meilisearch, for one, counts a first-letter typo as two).
 */
function typo(word, next) {
  const i = 2 + Math.floor(next() * (word.length - 3))
  const kind = Math.floor(next() * 3)
  if (kind === 0) return word.slice(0, i - 1) + word[i] + word[i - 1] + word.slice(i + 1)
  if (kind === 1) return word.slice(0, i) + word.slice(i + 1)
  return word.slice(0, i) + word[i] + word.slice(i)
}

/** 1,000 queries over the catalog, 200 of each kind, each aimed at one product. */
function buildQueries(products) {
  const next = random(42)
  const kinds = ["exact", "prefix", "typo1", "typo2", "multi"]
  const queries = []
  for (let n = 0; n < queryCount; n++) {
    const kind = kinds[n % kinds.length]
    const product = products[Math.floor(next() * products.length)]
    const words = product.title.split(" ")
    let q = product.title
    if (kind === "prefix") {
      const last = words[words.length - 1]
      q = [...words.slice(0, -1), last.slice(0, Math.max(2, Math.ceil(last.length / 2)))].join(" ")
    } else if (kind === "typo1" || kind === "typo2") {
      // The typo goes into the longest word of letters only (the maker or a product word).
      const letters = (w) => (/^[A-Za-z]+$/.test(w) ? w.length : 0)
      const at = words.reduce((best, w, i) => (letters(w) > letters(words[best]) ? i : best), 0)
      let word = typo(words[at].toLowerCase(), next)
      if (kind === "typo2") word = typo(word, next)
      q = words.map((w, i) => (i === at ? word : w)).join(" ")
    } else if (kind === "multi") {
      q = `${words[0]} ${words[words.length - 1]}`
    }
    queries.push({ kind, q, handle: product.handle })
  }
  return queries
}

function targets(base, key) {
  const headers = { "x-publishable-api-key": key, "content-type": "application/json" }
  const post = (entity, extra = {}) => async (q) => {
    const res = await fetch(`${base}/store/search`, {
      method: "POST",
      headers,
      body: JSON.stringify({ entity, fields: ["handle"], filters: { q }, pagination: { take: 5 }, ...extra }),
    })
    if (!res.ok) throw new Error(`${res.status} ${await res.text()}`)
    return (await res.json()).results[0].hits.map((h) => h.document.handle)
  }
  return [
    { name: "Keel POST /store/search (keel-postgres)", queries: queryCount, run: post("product") },
    {
      name: "Medusa search-postgres, typo_tolerance: true",
      queries: stockQueryCount,
      run: post("product_stock", { search_options: { typo_tolerance: true } }),
    },
    {
      name: "GET /store/products?q= (Medusa)",
      queries: productsQueryCount,
      run: async (q) => {
        const res = await fetch(`${base}/store/products?${new URLSearchParams({ q, limit: "5", fields: "handle" })}`, { headers })
        if (!res.ok) throw new Error(`${res.status} ${await res.text()}`)
        return (await res.json()).products.map((p) => p.handle)
      },
    },
  ]
}

async function load(target, queries, clients = concurrency) {
  const latencies = []
  const byKind = {}
  const found = {}
  let errors = 0
  let cursor = 0
  const started = performance.now()
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (cursor < queries.length) {
        const query = queries[cursor++]
        const t = performance.now()
        try {
          const handles = await target.run(query.q)
          const ms = performance.now() - t
          latencies.push(ms)
          ;(byKind[query.kind] ??= []).push(ms)
          found[query.kind] = (found[query.kind] ?? 0) + (handles.includes(query.handle) ? 1 : 0)
          if (process.env.BENCH_MISSES && !handles.includes(query.handle)) {
            console.log(`[miss] ${target.name} ${query.kind} "${query.q}" wanted ${query.handle}, got ${handles.join(" ")}`)
          }
        } catch (error) {
          errors++
          if (errors <= 3) console.error(`[bench] ${target.name}: ${error.message.slice(0, 200)}`)
        }
      }
    })
  )
  const seconds = (performance.now() - started) / 1000
  latencies.sort((a, b) => a - b)
  const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? NaN
  const perKind = queries.length / 5
  const recall = (kinds) => kinds.reduce((s, k) => s + (found[k] ?? 0), 0) / (perKind * kinds.length)
  return {
    name: clients === concurrency ? target.name : `${target.name}, ${clients} client${clients === 1 ? "" : "s"}`,
    clients,
    count: queries.length,
    // Answered queries per second: an error (the stock provider's pool timeouts) is no answer.
    rps: latencies.length / seconds,
    p50: pct(50),
    p95: pct(95),
    p99: pct(99),
    errors,
    recall: Object.fromEntries(["exact", "prefix", "typo1", "typo2", "multi"].map((k) => [k, recall([k])])),
    typoRecall: recall(["typo1", "typo2"]),
    p50ByKind: Object.fromEntries(Object.entries(byKind).map(([k, v]) => [k, v.sort((a, b) => a - b)[Math.floor(v.length / 2)]])),
  }
}

function stop() {
  if (server && server.exitCode === null) {
    try {
      process.kill(-server.pid, "SIGTERM")
    } catch {
      // already gone
    }
  }
}
process.on("SIGINT", () => (stop(), process.exit(130)))

async function main() {
  // BENCH_URL + BENCH_DATABASE_URL: load a server that is already running (tuning runs).
  const setup = process.env.BENCH_URL ? null : await prepareDatabase()
  const base = process.env.BENCH_URL || (await startServer())
  const [{ token }] = await sql(
    process.env.BENCH_DATABASE_URL || databaseUrl,
    `SELECT k.token FROM api_key k JOIN publishable_api_key_sales_channel l ON l.publishable_key_id = k.id AND l.deleted_at IS NULL
     WHERE k.type = 'publishable' AND k.revoked_at IS NULL AND k.deleted_at IS NULL LIMIT 1`
  )
  const products = benchCatalog(productCount)
  const queries = buildQueries(products)
  const warmup = buildQueries(products.slice().reverse())
  const results = []
  // BENCH_ONLY=keel|stock|products runs one target (tuning runs).
  const only = process.env.BENCH_ONLY
  const chosen = targets(base, token).filter((_, i) => !only || ["keel", "stock", "products"][i] === only)
  for (const target of chosen) {
    await load(target, warmup.slice(0, Math.max(20, target.queries / 10)))
    const result = await load(target, queries.slice(0, target.queries))
    console.log(`[bench] ${result.name}: ${result.rps.toFixed(1)} req/s, p50 ${result.p50.toFixed(1)} ms, p95 ${result.p95.toFixed(1)} ms, typo recall@5 ${(100 * result.typoRecall).toFixed(1)} %; p50 by kind ${Object.entries(result.p50ByKind).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(", ")} ms`)
    results.push(result)
  }
  // Keel's service time without queueing: the same queries from one client.
  if (!only || only === "keel") {
    const single = await load(targets(base, token)[0], queries, 1)
    console.log(`[bench] ${single.name}: ${single.rps.toFixed(1)} req/s, p50 ${single.p50.toFixed(1)} ms, p95 ${single.p95.toFixed(1)} ms`)
    results.push(single)
  }
  stop()

  const pc = (x) => `${(100 * x).toFixed(1)} %`
  const keel = results[0]
  const stock = results.find((r) => r.name.startsWith("Medusa search-postgres"))
  const lines = [
    "",
    `### Product search at ${productCount.toLocaleString("en-US")} products (${new Date().toISOString().slice(0, 10)})`,
    "",
    `Machine: ${os.cpus().length} × ${os.cpus()[0].model.trim()}, ${Math.round(os.totalmem() / 2 ** 30)} GiB; PostgreSQL on localhost, one Keel process (production build, no Redis), the load client on the same cores.`,
    `Command: \`node bench/search/run.mjs${args.has("--reuse") ? " --reuse" : ""}\`; ${queries.length} queries (exact, prefix, 1-typo, 2-typo and multi-word in equal shares, each aimed at one product) at ${concurrency} concurrent after a warm-up on other queries; the two slow targets get the first ${stockQueryCount} and ${productsQueryCount} of them.`,
    setup ? `Setup: seed ${setup.seed.toFixed(0)} s, catalog generation + indexing of both indexes ${setup.generate.toFixed(0)} s (indexing ${setup.index} s).` : "Setup: database of a previous run reused.",
    "",
    "| target | queries | req/s | p50 ms | p95 ms | p99 ms | errors | recall@5 exact | prefix | 1-typo | 2-typo | multi-word | typo recall@5 | throughput vs Keel |",
    "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ...results.map(
      (r) =>
        `| ${r.name} | ${r.count} | ${r.rps.toFixed(1)} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.errors} | ${pc(r.recall.exact)} | ${pc(r.recall.prefix)} | ${pc(r.recall.typo1)} | ${pc(r.recall.typo2)} | ${pc(r.recall.multi)} | ${pc(r.typoRecall)} | ${r === keel || r.clients !== concurrency ? "" : `1/${(keel.rps / r.rps).toFixed(1)}`} |`
    ),
    "",
    `Targets: p95 ≤ 30 ms (${keel.p95 <= 30 ? "met" : "NOT met"}: ${keel.p95.toFixed(1)} ms at ${concurrency} clients), typo recall@5 ≥ 95 % (${keel.typoRecall >= 0.95 ? "met" : "NOT met"}: ${pc(keel.typoRecall)})` +
      (stock ? `, ≥ 10× the stock provider's throughput (${keel.rps / stock.rps >= 10 ? "met" : "NOT met"}: ${(keel.rps / stock.rps).toFixed(0)}×).` : "."),
    "",
  ]
  console.log(lines.join("\n"))
  if (args.has("--write")) fs.appendFileSync(path.join(root, "bench", "RESULTS.md"), lines.join("\n"))
}

main().then(
  () => process.exit(0),
  (error) => {
    stop()
    console.error(error.message)
    process.exit(1)
  }
)
