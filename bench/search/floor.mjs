#!/usr/bin/env node
// The latency floor of Medusa's HTTP stack on this machine, with the load client bench/search
// uses (Node's fetch, N concurrent clients, closed loop): Medusa's /health (no database, no
// middleware of substance), a stock store route (publishable-key lookup and one query), and
// POST /store/search for a query whose word lookups are cached and which finds nothing.
// Whatever a search does comes on top of these.
//
// Usage: BENCH_URL=http://localhost:9000 BENCH_KEY=pk_... node bench/search/floor.mjs
// BENCH_REQUESTS (default 4000), BENCH_CONCURRENCY (20).
import { performance } from "node:perf_hooks"

const base = process.env.BENCH_URL
const key = process.env.BENCH_KEY
if (!base || !key) {
  console.error("set BENCH_URL (a running Keel) and BENCH_KEY (a publishable API key of it)")
  process.exit(1)
}
const requests = Number(process.env.BENCH_REQUESTS || 4000)
const concurrency = Number(process.env.BENCH_CONCURRENCY || 20)
const headers = { "x-publishable-api-key": key, "content-type": "application/json" }

async function load(name, send, n = requests) {
  const latencies = []
  let sent = 0
  const started = performance.now()
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (sent < n) {
        sent++
        const t = performance.now()
        const res = await send()
        await res.arrayBuffer()
        if (!res.ok) throw new Error(`${name}: ${res.status}`)
        latencies.push(performance.now() - t)
      }
    })
  )
  const seconds = (performance.now() - started) / 1000
  latencies.sort((a, b) => a - b)
  const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * q))].toFixed(1)
  console.log(`| ${name} | ${Math.round(latencies.length / seconds)} | ${at(0.5)} | ${at(0.95)} | ${at(0.99)} |`)
}

await load("warm-up", () => fetch(`${base}/health`), 500)
console.log(`\n${concurrency} concurrent clients, ${requests} requests each\n`)
console.log("| route | req/s | p50 ms | p95 ms | p99 ms |\n|---|---|---|---|---|")
await load("GET /health", () => fetch(`${base}/health`))
await load("GET /store/regions", () => fetch(`${base}/store/regions`, { headers }))
await load("POST /store/search, a word it knows it does not have", () =>
  fetch(`${base}/store/search`, {
    method: "POST",
    headers,
    body: JSON.stringify({ entity: "product", fields: ["handle"], filters: { q: "zzzzqqq" }, pagination: { take: 5 } }),
  })
)
