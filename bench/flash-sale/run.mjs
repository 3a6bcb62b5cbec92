#!/usr/bin/env node
// Flash sale: vanilla Medusa 2.21.2 and Keel in the same run, on the same data, Redis on.
// One database is migrated and seeded by Keel, then copied for vanilla Medusa
// (bench/flash-sale/vanilla/medusa-config.js: Medusa's modules only, Redis event bus, workflow
// engine, locking and caching). Each server runs alone, with a redis-server of its own. For each
// scenario, a new sale product gets `units` in stock and `shoppers` carts are made ready to
// complete (address, shipping, system payment session; not timed); then every cart is completed
// at the same moment. Reported: orders, oversell (units ordered beyond stock, and
// stocked - reserved below 0), the kinds of answer, answers/s, p50/p99 latency. Before the
// bursts, 20 carts are completed one after another: the cost of one completion without contention
// (latency, and the server's CPU per completion on Linux).
// Targets (issue 10): 0 oversell, every shopper served while stock lasts, p99 <= 2 s and
// >= 10x vanilla's answers/s.
// Usage: node bench/flash-sale/run.mjs [--write] [--only=keel|vanilla]
// Needs: PostgreSQL on localhost:5432 (DB_* env to change) and redis-server.
import { spawn } from "node:child_process"
import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import { createRequire } from "node:module"
import pg from "pg"
import { benchRun, freePort, medusa, requireTools, root } from "../lib/harness.mjs"

const require = createRequire(import.meta.url)
const sale = require("../../integration-tests/helpers/checkout-burst.cjs")

const SCENARIOS = [
  { shoppers: 100, units: 20 },
  { shoppers: 200, units: 20 },
  { shoppers: 100, units: 100 },
]
const only = process.argv.find((a) => a.startsWith("--only="))?.slice("--only=".length)
requireTools(["redis-server"])
const bench = benchRun("keel_bench_flash")
const { databaseUrl, work, children } = bench
const ADMIN_PASSWORD = "bench-admin-password"

async function startServer(name, cwd, env) {
  const redisPort = await freePort()
  const redis = spawn("redis-server", ["--port", String(redisPort), "--save", "", "--appendonly", "no"], { stdio: "ignore" })
  children.push(redis)
  const port = await freePort()
  const log = fs.openSync(path.join(work, `${name}.log`), "w")
  const server = spawn(medusa, ["start"], {
    cwd,
    env: { ...env, PORT: String(port), REDIS_URL: `redis://127.0.0.1:${redisPort}` },
    stdio: ["ignore", log, log],
    detached: true,
  })
  children.push(server)
  const base = `http://localhost:${port}`
  await bench.waitFor(`${base}/health`)
  return {
    base,
    pid: server.pid,
    stop() {
      try {
        process.kill(-server.pid, "SIGKILL")
      } catch {
        server.kill("SIGKILL")
      }
      redis.kill("SIGKILL")
    },
  }
}

async function scenario(server, key, email, db, { shoppers, units }) {
  const session = await sale.adminSession(server.base, email, ADMIN_PASSWORD)
  const product = await sale.createSaleProduct(session, {
    title: `Flash ${shoppers}x${units}`,
    variants: [{ title: "Single", draws: [{ item: "a", units: 1 }] }],
    stock: { a: units },
  })
  const variantId = product.variantIds.Single
  const carts = await sale.readyCarts(server.base, key, session, shoppers, (i) => ({
    items: [{ variant_id: variantId, quantity: 1 }],
    email: `shopper${i}@flash.test`,
  }))
  const outcome = await sale.burst(server.base, key, carts)
  if (process.env.BENCH_DEBUG) {
    const messages = new Map()
    for (const r of outcome.results) if (!r.orderId) messages.set(r.message, (messages.get(r.message) ?? 0) + 1)
    console.log(messages, outcome.results.map((r) => Math.round(r.ms)).join(" "))
  }
  const summary = sale.summarize(outcome)
  const itemId = product.inventoryItemIds.a
  // Settle: compensations of failed completions finish after their answer.
  await new Promise((r) => setTimeout(r, 3000))
  const state = (await sale.inventoryState(db, [itemId]))[itemId]
  const ordered = Number(
    (
      await db.query(
        `SELECT COALESCE(SUM(oi.quantity), 0) AS units FROM order_item oi JOIN order_line_item li ON li.id = oi.item_id
          JOIN "order" o ON o.id = oi.order_id WHERE li.variant_id = $1 AND o.deleted_at IS NULL AND oi.deleted_at IS NULL`,
        [variantId]
      )
    ).rows[0].units
  )
  return {
    ...summary,
    oversell: Math.max(0, ordered - units) + Math.max(0, state.reserved - state.stocked),
    ordered,
    stocked: state.stocked,
    reserved: state.reserved,
    served: summary.orders === Math.min(shoppers, units),
  }
}

/** CPU seconds used so far by a process and its children that have ended (Linux /proc), or null. */
function cpuSeconds(pid) {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ")
    // utime, stime, cutime, cstime (fields 14-17), in clock ticks (100 per second on Linux).
    return fields.slice(11, 15).reduce((sum, f) => sum + Number(f), 0) / 100
  } catch {
    return null
  }
}

/**
 * What one completion costs without contention: `count` carts completed one after another.
 * Gives the mean latency and the server's CPU per completion (its event subscribers included:
 * the CPU is read 2 s after the last answer). N winners then need at least N x that CPU, shared
 * by the cores the server can use: the floor under any burst's p99.
 */
async function uncontended(server, key, email, count, warmup = 20) {
  const session = await sale.adminSession(server.base, email, ADMIN_PASSWORD)
  const product = await sale.createSaleProduct(session, {
    title: `One at a time ${count}`,
    variants: [{ title: "Single", draws: [{ item: "a", units: 1 }] }],
    stock: { a: warmup + count },
  })
  const carts = await sale.readyCarts(server.base, key, session, warmup + count, (i) => ({
    items: [{ variant_id: product.variantIds.Single, quantity: 1 }],
    email: `alone${i}@flash.test`,
  }))
  // The first completions after a start run cold (JIT, connection pools): not measured.
  for (const cart of carts.slice(0, warmup)) await sale.burst(server.base, key, [cart])
  await new Promise((r) => setTimeout(r, 2000))
  const cpu0 = cpuSeconds(server.pid)
  const ms = []
  let orders = 0
  for (const cart of carts.slice(warmup)) {
    const { results } = await sale.burst(server.base, key, [cart])
    ms.push(results[0].ms)
    if (results[0].orderId) orders++
  }
  await new Promise((r) => setTimeout(r, 2000))
  const cpu1 = cpuSeconds(server.pid)
  return {
    count,
    orders,
    meanMs: ms.reduce((a, b) => a + b, 0) / ms.length,
    cpuMs: cpu0 === null || cpu1 === null ? null : ((cpu1 - cpu0) * 1000) / count,
  }
}

function formatAlone(name, u) {
  const cores = os.cpus().length
  const floor = u.cpuMs === null ? "n/a" : `${((20 * u.cpuMs) / 1000 / cores).toFixed(1)} s`
  return `| ${name} | ${u.count} carts, one after another (after ${20} to warm up) | ${u.orders} | ${u.meanMs.toFixed(0)} ms | ${u.cpuMs === null ? "n/a" : `${u.cpuMs.toFixed(0)} ms`} | ${floor} |`
}

function format(name, s, r) {
  const kinds = Object.entries(r.kinds)
    .map(([k, n]) => `${n}× ${k}`)
    .join(", ")
  return `| ${name} | ${s.shoppers} | ${s.units} | ${r.orders} | ${r.oversell} | ${kinds} | ${r.perSecond.toFixed(1)} | ${(r.p50 / 1000).toFixed(2)} | ${(r.p99 / 1000).toFixed(2)} |`
}

async function main() {
  await bench.createDatabase()
  const env = bench.serverEnv({ ADMIN_PASSWORD })
  console.log("preparing the database and seed ...")
  bench.medusa(["db:migrate", "--execute-safe-links", "--execute-safe-search"], env)
  const infoFile = path.join(work, "info.json")
  bench.medusa(["exec", "./src/scripts/bootstrap.ts"], { ...env, KEEL_INFO_FILE: infoFile })
  const info = JSON.parse(fs.readFileSync(infoFile, "utf8"))

  // The same data for vanilla Medusa: a copy of the database as seeded.
  const vanillaDb = `${new URL(databaseUrl).pathname.slice(1)}_vanilla`
  const adminUrl = new URL(databaseUrl)
  adminUrl.pathname = "/postgres"
  const admin = new pg.Client({ connectionString: adminUrl.toString() })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(vanillaDb)} TEMPLATE ${admin.escapeIdentifier(new URL(databaseUrl).pathname.slice(1))}`)
  const vanillaUrl = new URL(databaseUrl)
  vanillaUrl.pathname = `/${vanillaDb}`

  const rows = []
  const alones = []
  const apps = [
    { name: "vanilla Medusa 2.21.2", cwd: path.join(root, "bench", "flash-sale", "vanilla"), url: vanillaUrl.toString() },
    { name: "Keel", cwd: root, url: databaseUrl },
  ].filter((app) => !only || app.name.toLowerCase().includes(only))
  try {
    for (const app of apps) {
      console.log(`starting ${app.name} ...`)
      const server = await startServer(app.name.split(" ")[0].toLowerCase(), app.cwd, { ...env, DATABASE_URL: app.url })
      const db = new pg.Client({ connectionString: app.url })
      await db.connect()
      const alone = await uncontended(server, info.publishableKey, info.admin.email, 20)
      alones.push({ app: app.name, alone })
      console.log(formatAlone(app.name, alone))
      for (const s of SCENARIOS) {
        const result = await scenario(server, info.publishableKey, info.admin.email, db, s)
        rows.push({ app: app.name, s, result })
        console.log(format(app.name, s, result))
      }
      await db.end()
      server.stop()
    }
  } finally {
    await new Promise((r) => setTimeout(r, 1000))
    await admin.query(`DROP DATABASE IF EXISTS ${admin.escapeIdentifier(vanillaDb)} WITH (FORCE)`)
    await admin.end()
  }

  const header = [
    "| server | shoppers | units | orders | oversell | answers | answers/s | p50 s | p99 s |",
    "|---|---:|---:|---:|---:|---|---:|---:|---:|",
  ]
  const table = [...header, ...rows.map((r) => format(r.app, r.s, r.result))]
  const aloneTable = [
    `| server | completions | orders | mean latency | server CPU per completion | 20 orders' CPU over ${os.cpus().length} cores |`,
    "|---|---|---:|---:|---:|---:|",
    ...alones.map((a) => formatAlone(a.app, a.alone)),
  ]
  const ratios = SCENARIOS.map((s) => {
    const v = rows.find((r) => r.app.startsWith("vanilla") && r.s === s)
    const k = rows.find((r) => r.app === "Keel" && r.s === s)
    return v && k ? `${s.shoppers} shoppers / ${s.units} units: Keel ${(k.result.perSecond / v.result.perSecond).toFixed(1)}× vanilla's answers/s` : null
  }).filter(Boolean)
  console.log(["", ...table, "", ...ratios, "", ...aloneTable].join("\n"))
  if (process.argv.includes("--write")) {
    const section = [
      "",
      `## Flash sale: checkout under contention (${new Date().toISOString().slice(0, 10)})`,
      "",
      `Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB; PostgreSQL and Redis local.`,
      "Command: `node bench/flash-sale/run.mjs --write`. Every cart completed at the same moment; answers/s = carts answered / seconds from the first request to the last answer.",
      "",
      ...table,
      "",
      ...ratios.map((r) => `- ${r}`),
      "",
      "Without contention (the cost of one completion, before any burst):",
      "",
      ...aloneTable,
      "",
    ].join("\n")
    fs.appendFileSync(path.join(root, "bench", "RESULTS.md"), section)
  }
}

bench.finish(main)
