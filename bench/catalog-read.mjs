#!/usr/bin/env node
// Catalog read throughput, Keel (production profile, Redis) against vanilla Medusa 2.21.2,
// in one run on one database and one seed.
//   (a) vanilla: the same installed packages, a plain starter medusa-config and none of our code
//   (b) Keel: this repository with REDIS_URL (a redis-server of the bench's own)
// Each route is loaded with wrk, 20 connections for 20 s (BENCH_SECONDS to change), after a warm-up.
// Usage: node bench/catalog-read.mjs [--write]   (--write appends the table to bench/RESULTS.md)
// BENCH_CLUSTER=N starts Keel as `medusa start --cluster N` (N processes sharing the port).
// Needs: PostgreSQL on localhost:5432 (DB_* env to change), redis-server and wrk (apt-get install wrk).
import { spawn, spawnSync } from "node:child_process"
import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import { benchRun, freePort, medusa, requireTools, root } from "./lib/harness.mjs"

const seconds = Number(process.env.BENCH_SECONDS || 20)
const connections = 20
requireTools(["wrk", "redis-server"])
const bench = benchRun("keel_bench")
const { work, children } = bench

async function startServer(cwd, env, extra = []) {
  const port = await freePort()
  const log = fs.openSync(path.join(work, `server-${port}.log`), "w")
  const proc = spawn(medusa, ["start", ...extra], { cwd, env: { ...env, PORT: String(port) }, stdio: ["ignore", log, log], detached: true })
  children.push(proc)
  await bench.waitFor(`http://localhost:${port}/health`, 120_000)
  return `http://localhost:${port}`
}

function wrk(url, key) {
  const result = spawnSync(
    "wrk",
    ["-t2", `-c${connections}`, `-d${seconds}s`, "--latency", "-H", `x-publishable-api-key: ${key}`, url],
    { encoding: "utf8" }
  )
  const out = result.stdout
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? 0)
  const ms = (label) => {
    const m = new RegExp(`${label}%\\s+([\\d.]+)(us|ms|s)`).exec(out)
    if (!m) return NaN
    return Number(m[1]) * { us: 0.001, ms: 1, s: 1000 }[m[2]]
  }
  const non2xx = Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(out)?.[1] ?? 0)
  return { rps, p50: ms(" 50"), p99: ms(" 99"), non2xx }
}

async function main() {
  await bench.createDatabase()

  const base = bench.serverEnv()
  console.log("preparing the database and seed ...")
  bench.medusa(["db:migrate", "--execute-safe-links", "--execute-safe-search"], base)
  const infoFile = path.join(work, "info.json")
  bench.medusa(["exec", "./src/scripts/bootstrap.ts"], { ...base, KEEL_INFO_FILE: infoFile })
  const key = JSON.parse(fs.readFileSync(infoFile, "utf8")).publishableKey

  // (a) vanilla Medusa: a starter config in a folder of its own inside the repository, so
  // it resolves the same node_modules, with none of Keel's src/.
  const vanillaDir = path.join(root, ".medusa", "bench-vanilla")
  fs.rmSync(vanillaDir, { recursive: true, force: true })
  fs.mkdirSync(vanillaDir, { recursive: true })
  fs.writeFileSync(path.join(vanillaDir, "package.json"), JSON.stringify({ name: "vanilla", private: true, dependencies: { "@medusajs/medusa": "2.21.2" } }))
  fs.writeFileSync(
    path.join(vanillaDir, "medusa-config.js"),
    `const { defineConfig } = require("@medusajs/framework/utils")
module.exports = defineConfig({
  projectConfig: { databaseUrl: process.env.DATABASE_URL, http: { jwtSecret: "x", cookieSecret: "x" } },
  admin: { disable: true },
})
`
  )
  const vanilla = await startServer(vanillaDir, base)

  const redisPort = await freePort()
  const redis = spawn("redis-server", ["--port", String(redisPort), "--save", "", "--appendonly", "no"], {
    stdio: "ignore",
  })
  children.push(redis)
  const keel = await startServer(root, { ...base, REDIS_URL: `redis://127.0.0.1:${redisPort}` }, process.env.BENCH_CLUSTER ? ["--cluster", process.env.BENCH_CLUSTER] : [])

  const sample = await (
    await fetch(`${keel}/store/products?limit=1&fields=handle,*categories`, { headers: { "x-publishable-api-key": key } })
  ).json()
  const products = sample.products
  if (!products?.length) throw new Error(`no product to load: ${JSON.stringify(sample)}`)
  const routes = {
    "products list": "/store/products?limit=20",
    "product by handle": `/store/products?handle=${products[0].handle}`,
    "category listing": `/store/products?limit=20&category_id=${products[0].categories[0].id}`,
  }

  const rows = []
  for (const [name, route] of Object.entries(routes)) {
    const results = {}
    for (const [label, server] of [["vanilla", vanilla], ["keel", keel]]) {
      spawnSync("wrk", ["-t1", "-c2", "-d2s", "-H", `x-publishable-api-key: ${key}`, server + route]) // warm-up
      results[label] = wrk(server + route, key)
      console.log(`${name} ${label}: ${JSON.stringify(results[label])}`)
    }
    rows.push({ name, ...results })
  }

  const fmt = (r) => `${r.rps.toFixed(0)} req/s, p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms${r.non2xx ? `, ${r.non2xx} non-2xx` : ""}`
  const table = [
    `| ${new Date().toISOString().slice(0, 10)} | route | vanilla Medusa 2.21.2 | Keel (Redis) | Keel / vanilla |`,
    "|---|---|---|---|---|",
    ...rows.map((r) => `| | ${r.name} | ${fmt(r.vanilla)} | ${fmt(r.keel)} | ${(r.keel.rps / r.vanilla.rps).toFixed(1)}× |`),
  ].join("\n")
  console.log(`\n${table}\n`)
  if (process.argv.includes("--write")) {
    fs.appendFileSync(
      path.join(root, "bench", "RESULTS.md"),
      `\n### catalog-read, ${os.cpus().length} cores, wrk -t2 -c${connections} -d${seconds}s, Keel ${process.env.BENCH_CLUSTER ? `--cluster ${process.env.BENCH_CLUSTER}` : "one process"} (\`${process.env.BENCH_CLUSTER ? `BENCH_CLUSTER=${process.env.BENCH_CLUSTER} ` : ""}node bench/catalog-read.mjs --write\`)\n\n${table}\n`
    )
  }
}

bench.finish(main)
