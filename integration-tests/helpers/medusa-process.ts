import { ChildProcess, spawn } from "child_process"
import fs from "fs"
import os from "os"
import path from "path"
import { Client } from "pg"
import { freePort } from "./redis"

// Keel as it runs in production, for e2e tests: a database of the test's own, migrated and
// seeded by the CLI, and `medusa start` as child processes (so a test can kill one with SIGKILL,
// or run several servers and a worker side by side).

const root = path.resolve(__dirname, "..", "..")
/** The Medusa CLI of an app folder (Keel's own by default). */
const medusaOf = (app: string) => path.join(app, "node_modules", ".bin", "medusa")

export type MedusaProcess = {
  proc: ChildProcess
  base: string
  /** The last 50,000 characters the process printed. */
  output: () => string
  /** SIGKILL to the process group; resolves once the process has exited. */
  kill: () => Promise<void>
}

/** `medusa <args>` in `app` (Keel); rejects with the tail of its output when it exits with an error. */
export function runMedusa(args: string[], env: NodeJS.ProcessEnv, app = root): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = ""
    const proc = spawn(medusaOf(app), args, { cwd: app, env, stdio: ["ignore", "pipe", "pipe"] })
    proc.stdout!.on("data", (c) => (output = (output + c).slice(-50000)))
    proc.stderr!.on("data", (c) => (output = (output + c).slice(-50000)))
    proc.once("exit", (code) => (code === 0 ? resolve(output) : reject(new Error(`medusa ${args[0]} exited ${code}:\n${output.slice(-3000)}`))))
  })
}

/** `medusa start` in `app` (Keel) on a spare port, resolved once /health answers (within 2 minutes). */
export async function startMedusa(env: NodeJS.ProcessEnv, mode?: "server" | "worker" | "shared", app = root): Promise<MedusaProcess> {
  const port = await freePort()
  let output = ""
  const proc = spawn(medusaOf(app), ["start"], {
    cwd: app,
    env: { ...env, PORT: String(port), ...(mode ? { MEDUSA_WORKER_MODE: mode } : {}) },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  })
  proc.stdout!.on("data", (c) => (output = (output + c).slice(-50000)))
  proc.stderr!.on("data", (c) => (output = (output + c).slice(-50000)))
  const kill = () => {
    try {
      process.kill(-proc.pid!, "SIGKILL")
    } catch {
      // already gone
    }
    return new Promise<void>((resolve) => (proc.exitCode !== null || proc.signalCode !== null ? resolve() : proc.once("exit", () => resolve())))
  }
  const base = `http://localhost:${port}`
  const deadline = Date.now() + 120_000
  while (Date.now() < deadline) {
    if (proc.exitCode !== null) throw new Error(`medusa start${mode ? ` (${mode})` : ""} exited:\n${output.slice(-3000)}`)
    if (await fetch(`${base}/health`).then((r) => r.ok, () => false)) return { proc, base, output: () => output, kill }
    await new Promise((r) => setTimeout(r, 300))
  }
  await kill()
  throw new Error(`medusa start${mode ? ` (${mode})` : ""} did not answer /health:\n${output.slice(-3000)}`)
}

export type TestShop = {
  /** The environment for medusa commands: this shop's database, an uploads folder, no Redis. */
  env: NodeJS.ProcessEnv
  databaseUrl: string
  /** The publishable key the seed made (linked to the default sales channel). */
  publishableKey: string
  /** A folder of the shop's own, removed by drop(). */
  work: string
  drop: () => Promise<void>
}

/**
 * A new database `<prefix>_<time>`, migrated and seeded with Keel's bootstrap (admin user from
 * `env.ADMIN_EMAIL`/`ADMIN_PASSWORD`). The commands run without Redis, so the seed's events do not
 * queue up for a worker; start servers with `{ ...shop.env, REDIS_URL }` for the production shape.
 */
export async function prepareShop(prefix: string, extraEnv: NodeJS.ProcessEnv): Promise<TestShop> {
  const dbName = `${prefix}_${Date.now()}`
  const dbUser = process.env.DB_USERNAME || "postgres"
  const dbPassword = process.env.DB_PASSWORD ? `:${encodeURIComponent(process.env.DB_PASSWORD)}` : ""
  const dbServer = `${process.env.DB_HOST || "localhost"}:${process.env.DB_PORT || 5432}`
  const onAdminDb = async (sql: (c: Client) => string) => {
    const client = new Client({ connectionString: `postgres://${dbUser}${dbPassword}@${dbServer}/postgres` })
    await client.connect()
    try {
      await client.query(sql(client))
    } finally {
      await client.end()
    }
  }
  const work = fs.mkdtempSync(path.join(os.tmpdir(), `${prefix.replace(/_/g, "-")}-`))
  const databaseUrl = `postgres://${dbUser}${dbPassword}@${dbServer}/${dbName}`
  const drop = async () => {
    await onAdminDb((c) => "DROP DATABASE IF EXISTS " + c.escapeIdentifier(dbName) + " WITH (FORCE)")
    fs.rmSync(work, { recursive: true, force: true })
  }
  await onAdminDb((c) => "CREATE DATABASE " + c.escapeIdentifier(dbName))
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    ADMIN_DISABLED: "true",
    KEEL_UPLOAD_DIR: path.join(work, "uploads"),
    MEDUSA_DISABLE_TELEMETRY: "true",
    ...extraEnv,
  }
  delete env.REDIS_URL
  try {
    await runMedusa(["db:migrate", "--execute-safe-links", "--execute-safe-search"], env)
    const infoFile = path.join(work, "bootstrap.json")
    await runMedusa(["exec", "./src/scripts/bootstrap.ts"], { ...env, KEEL_INFO_FILE: infoFile })
    const publishableKey = JSON.parse(fs.readFileSync(infoFile, "utf8")).publishableKey as string
    return { env, databaseUrl, publishableKey, work, drop }
  } catch (error) {
    await drop()
    throw error
  }
}
