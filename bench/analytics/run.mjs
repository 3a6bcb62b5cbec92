#!/usr/bin/env node
// Analytics (@keel/analytics): ingest throughput and dashboard query time at scale.
//   (a) ingest: POST /store/analytics/events with batches of 100 "Product Viewed" events, loaded
//       with wrk (20 connections, BENCH_SECONDS, each request from a session of its own so the
//       per-session limit does not apply), Keel in its production profile with Redis.
//       Target: >= 5,000 events/s.
//   (b) scale: BENCH_EVENTS synthetic events (default 10,000,000) over the last 30 days, shaped
//       like shopping sessions (views, searches with and without results, carts, checkout steps,
//       orders), inserted with SQL; the rollup of those 30 days is timed, then the 30-day
//       overview (KPIs, funnel, series, tables) and the signals through the admin API, 20 times
//       each after a warm-up: p50 and max. Target: <= 200 ms.
// Usage: node bench/analytics/run.mjs [--write]   (--write appends the table to bench/RESULTS.md)
// Needs: PostgreSQL on localhost:5432 (DB_* env to change), redis-server and wrk (apt-get install wrk).
import { spawn, spawnSync } from "node:child_process"
import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import { performance } from "node:perf_hooks"
import pg from "pg"
import { benchRun, freePort, medusa, requireTools, root } from "../lib/harness.mjs"

const seconds = Number(process.env.BENCH_SECONDS || 20)
const totalEvents = Number(process.env.BENCH_EVENTS || 10_000_000)
const connections = 20
requireTools(["wrk", "redis-server"])
const bench = benchRun("keel_bench_analytics")
const { databaseUrl, work, children } = bench

/** wrk posting ingest batches, a new session id per request (a Lua script). */
function wrkIngest(url, key, productId) {
  const body = JSON.stringify({ events: Array.from({ length: 100 }, (_, i) => ({ event: "Product Viewed", properties: { product_id: productId, position: i } })) })
  const script = path.join(work, "ingest.lua")
  fs.writeFileSync(
    script,
    `local counter = 0
local thread_id = 0
setup = function(thread) thread:set("thread_id", tostring(math.random(1, 1000000000))) end
wrk.method = "POST"
wrk.body = ${JSON.stringify(body)}
request = function()
  counter = counter + 1
  return wrk.format(nil, nil, { ["content-type"] = "application/json", ["x-publishable-api-key"] = "${key}", ["x-keel-session-id"] = "bench-" .. thread_id .. "-" .. counter })
end
`
  )
  const result = spawnSync("wrk", ["-t2", `-c${connections}`, `-d${seconds}s`, "--latency", "-s", script, url], { encoding: "utf8" })
  const out = result.stdout
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? 0)
  const ms = (label) => {
    const m = new RegExp(`${label}%\\s+([\\d.]+)(us|ms|s)`).exec(out)
    return m ? Number(m[1]) * { us: 0.001, ms: 1, s: 1000 }[m[2]] : NaN
  }
  const non2xx = Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(out)?.[1] ?? 0)
  return { rps, p50: ms(" 50"), p99: ms(" 99"), non2xx }
}

// Synthetic sessions of 5 events each, spread evenly over the last 30 days. By session hash:
// everyone views; 60 % search (a fifth of searches find nothing); 40 % add to cart; 25 %
// start checkout; 20 % choose shipping; 15 % reach payment; 3 % order (a customer id among
// 50,000, a total of 20-219 EUR, two products). 1,000 products.
const GENERATE = `
INSERT INTO keel_analytics_event (id, name, session_id, customer_id, properties, occurred_at, received_at, source, dedupe_key, created_at, updated_at)
SELECT 'aev_bench_' || n,
  CASE pos
    WHEN 0 THEN 'Product Viewed'
    WHEN 1 THEN CASE WHEN h % 100 < 60 THEN 'Products Searched' ELSE 'Product Viewed' END
    WHEN 2 THEN CASE WHEN h % 100 < 40 THEN 'Product Added' ELSE 'Product Viewed' END
    WHEN 3 THEN CASE WHEN h % 100 < 15 THEN 'Checkout Step Completed' WHEN h % 100 < 25 THEN 'Checkout Started' ELSE 'Product Viewed' END
    ELSE CASE WHEN h % 100 < 3 THEN 'Order Completed' WHEN h % 100 < 20 THEN 'Checkout Step Completed' ELSE 'Product Viewed' END
  END,
  md5('bench-session-' || s)::varchar(32),
  CASE WHEN pos = 4 AND h % 100 < 3 THEN 'cus_bench_' || (h % 50000) END,
  CASE
    WHEN pos = 1 AND h % 100 < 60 THEN jsonb_build_object('query', 'query ' || (h % 5000), 'results', CASE WHEN h % 5 = 0 THEN 0 ELSE h % 40 + 1 END)
    WHEN pos = 3 AND h % 100 < 15 THEN jsonb_build_object('step', 'payment')
    WHEN pos = 4 AND h % 100 < 3 THEN jsonb_build_object('total', 20 + h % 200, 'currency', 'eur', 'products', jsonb_build_array(jsonb_build_object('product_id', 'prod_bench_' || (h % 1000), 'quantity', 1), jsonb_build_object('product_id', 'prod_bench_' || ((h / 7) % 1000), 'quantity', 2)))
    WHEN pos = 4 AND h % 100 < 20 THEN jsonb_build_object('step', 'shipping')
    ELSE jsonb_build_object('product_id', 'prod_bench_' || (h % 1000))
  END,
  start + (s * span / sessions) + pos * interval '1 minute',
  start + (s * span / sessions) + pos * interval '1 minute',
  CASE WHEN pos IN (0) THEN 'storefront' ELSE 'server' END,
  NULL, now(), now()
FROM (
  SELECT n, n / 5 AS s, n % 5 AS pos, abs(hashtext('bench-session-' || (n / 5))) AS h,
         now() - interval '30 days' AS start, interval '30 days' - interval '10 minutes' AS span, $1::bigint / 5 AS sessions
  FROM generate_series($2::bigint, $3::bigint) AS n
) g
`

async function main() {
  await bench.createDatabase()

  const redisPort = await freePort()
  children.push(spawn("redis-server", ["--port", String(redisPort), "--save", "", "--appendonly", "no"], { stdio: "ignore" }))
  const env = bench.serverEnv({
    REDIS_URL: `redis://127.0.0.1:${redisPort}`,
    ADMIN_PASSWORD: "bench-admin-password",
  })
  console.log("preparing the database and seed ...")
  bench.medusa(["db:migrate", "--execute-safe-links", "--execute-safe-search"], env)
  const infoFile = path.join(work, "info.json")
  bench.medusa(["exec", "./src/scripts/bootstrap.ts"], { ...env, KEEL_INFO_FILE: infoFile })
  const info = JSON.parse(fs.readFileSync(infoFile, "utf8"))
  const key = info.publishableKey

  const port = await freePort()
  const log = fs.openSync(path.join(work, "server.log"), "w")
  children.push(spawn(medusa, ["start"], { cwd: root, env: { ...env, PORT: String(port) }, stdio: ["ignore", log, log], detached: true }))
  const base = `http://localhost:${port}`
  await bench.waitFor(`${base}/health`)
  const login = await (await fetch(`${base}/auth/user/emailpass`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email: info.admin.email, password: "bench-admin-password" }) })).json()
  const adminHeaders = { authorization: `Bearer ${login.token}` }
  const { products } = await (await fetch(`${base}/store/products?limit=1&fields=id`, { headers: { "x-publishable-api-key": key } })).json()

  // (a) ingest
  const db = new pg.Client({ connectionString: databaseUrl })
  await db.connect()
  const count = async () => Number((await db.query("SELECT count(*) FROM keel_analytics_event")).rows[0].count)
  spawnSync("wrk", ["-t1", "-c2", "-d2s", `${base}/health`])
  const before = await count()
  const started = Date.now()
  const ingest = wrkIngest(`${base}/store/analytics/events`, key, products[0].id)
  const elapsed = (Date.now() - started) / 1000
  const stored = (await count()) - before
  const ingestRow = { ...ingest, events_per_s: ingest.rps * 100, stored, stored_per_s: stored / elapsed }
  console.log("ingest:", JSON.stringify(ingestRow))

  // (b) scale
  await db.query("TRUNCATE keel_analytics_event, keel_analytics_rollup, keel_analytics_cursor")
  console.log(`generating ${totalEvents.toLocaleString()} events ...`)
  const genStart = Date.now()
  const chunk = 1_000_000
  for (let from = 0; from < totalEvents; from += chunk) {
    await db.query(GENERATE, [totalEvents, from, Math.min(totalEvents, from + chunk) - 1])
    process.stdout.write(".")
  }
  await db.query("ANALYZE keel_analytics_event")
  const genSeconds = (Date.now() - genStart) / 1000
  console.log(`\ngenerated in ${genSeconds.toFixed(0)} s; rolling up 30 days ...`)
  const rollStart = Date.now()
  const rolled = await fetch(`${base}/admin/analytics/rollup`, {
    method: "POST",
    headers: { ...adminHeaders, "content-type": "application/json" },
    body: JSON.stringify({ from: new Date(Date.now() - 31 * 86_400_000).toISOString() }),
  })
  if (!rolled.ok) throw new Error(`rollup: ${rolled.status} ${await rolled.text()}`)
  const rollupSeconds = (Date.now() - rollStart) / 1000
  const rollupRows = Number((await db.query("SELECT count(*) FROM keel_analytics_rollup")).rows[0].count)
  console.log(`rolled up in ${rollupSeconds.toFixed(1)} s (${rollupRows} rows)`)
  // The job's incremental path: a first run (no watermark yet: it reads every event to find
  // the days in its late window), then one with nothing new, then one after 10,000 new events.
  const incremental = async () => {
    const t = Date.now()
    const r = await fetch(`${base}/admin/analytics/rollup`, { method: "POST", headers: { ...adminHeaders, "content-type": "application/json" }, body: "{}" })
    if (!r.ok) throw new Error(`rollup: ${r.status} ${await r.text()}`)
    return (Date.now() - t) / 1000
  }
  const firstIncrementalSeconds = await incremental()
  const incrementalSeconds = await incremental()
  await db.query(GENERATE.replace("'aev_bench_' || n", "'aev_bench_late_' || n"), [10_000, 0, 9_999])
  await db.query("UPDATE keel_analytics_event SET occurred_at = now() - interval '30 minutes', received_at = now() WHERE id LIKE 'aev_bench_late_%'")
  const newEventsSeconds = await incremental()

  const timed = async (route) => {
    const times = []
    let body
    for (let i = 0; i < 23; i++) {
      const t = performance.now()
      const res = await fetch(`${base}${route}`, { headers: adminHeaders })
      body = await res.json()
      if (!res.ok) throw new Error(`${route}: ${res.status} ${JSON.stringify(body)}`)
      if (i >= 3) times.push(performance.now() - t)
    }
    times.sort((a, b) => a - b)
    return { p50: times[Math.floor(times.length / 2)], max: times[times.length - 1], body }
  }
  const to = new Date(Date.now() + 3_600_000).toISOString()
  const from = new Date(Date.now() - 30 * 86_400_000).toISOString()
  const overview = await timed(`/admin/analytics/overview?from=${from}&to=${to}`)
  const signals = await timed("/admin/analytics/signals")
  console.log("overview:", overview.p50.toFixed(1), "ms p50;", JSON.stringify(overview.body.kpis), JSON.stringify(overview.body.funnel.map((f) => f.sessions)))
  console.log("signals:", signals.p50.toFixed(1), "ms p50")
  await db.end()

  const date = new Date().toISOString().slice(0, 10)
  const machine = `${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB`
  const table = [
    `| date | machine | measure | result | target | ratio to target |`,
    "|---|---|---|---|---|---|",
    `| ${date} | ${machine} | ingest, wrk -t2 -c${connections} -d${seconds}s, batches of 100 | ${ingestRow.events_per_s.toFixed(0)} events/s (${ingest.rps.toFixed(0)} batches/s, p50 ${ingest.p50.toFixed(1)} ms, p99 ${ingest.p99.toFixed(1)} ms${ingest.non2xx ? `, ${ingest.non2xx} non-2xx` : ""}); stored ${ingestRow.stored_per_s.toFixed(0)} events/s | ≥ 5,000 events/s | ${(ingestRow.events_per_s / 5000).toFixed(2)}× |`,
    `| | | 30-day overview (KPIs, funnel, series, tables), ${totalEvents.toLocaleString("en")} events | p50 ${overview.p50.toFixed(1)} ms, max ${overview.max.toFixed(1)} ms | ≤ 200 ms | ${(200 / overview.p50).toFixed(1)}× under |`,
    `| | | signals (24 h window + DB samples) | p50 ${signals.p50.toFixed(1)} ms, max ${signals.max.toFixed(1)} ms | ≤ 200 ms | ${(200 / signals.p50).toFixed(1)}× under |`,
    `| | | rollup: backfill of 31 days | ${rollupSeconds.toFixed(1)} s (${rollupRows.toLocaleString("en")} rows) | | |`,
    `| | | rollup job: first run / nothing new / 10,000 new events | ${firstIncrementalSeconds.toFixed(2)} s / ${incrementalSeconds.toFixed(2)} s / ${newEventsSeconds.toFixed(2)} s | (every 5 min) | |`,
    `| | | generating the events (SQL) | ${genSeconds.toFixed(0)} s | | |`,
  ].join("\n")
  console.log(`\n${table}\n`)
  if (process.argv.includes("--write")) {
    fs.appendFileSync(
      path.join(root, "bench", "RESULTS.md"),
      `\n## Analytics (issue 9): \`node bench/analytics/run.mjs --write\`\n\nKeel in its production profile with Redis, one process; wrk on the same cores.\n\n${table}\n`
    )
  }
}

bench.finish(main)
