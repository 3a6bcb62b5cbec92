#!/usr/bin/env node
// Flash sale: vanilla Medusa 2.21.2 and Keel in the same run, on the same data, Redis on.
// One database is migrated and seeded by Keel, then copied for vanilla Medusa
// (bench/flash-sale/vanilla/medusa-config.js: Medusa's modules only, Redis event bus, workflow
// engine, locking and caching). Each server runs alone, with a redis-server of its own. For each
// scenario, a new sale product gets `units` in stock and `shoppers` carts are made ready to
// complete (address, shipping, system payment session; not timed); then every cart is completed
// at the same moment. Reported: orders, oversell (units ordered beyond stock, and
// stocked - reserved below 0), the kinds of answer, answers/s, p50/p99 latency.
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
  const ratios = SCENARIOS.map((s) => {
    const v = rows.find((r) => r.app.startsWith("vanilla") && r.s === s)
    const k = rows.find((r) => r.app === "Keel" && r.s === s)
    return v && k ? `${s.shoppers} shoppers / ${s.units} units: Keel ${(k.result.perSecond / v.result.perSecond).toFixed(1)}× vanilla's answers/s` : null
  }).filter(Boolean)
  console.log(["", ...table, "", ...ratios].join("\n"))
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
    ].join("\n")
    fs.appendFileSync(path.join(root, "bench", "RESULTS.md"), section)
  }
}

bench.finish(main)
