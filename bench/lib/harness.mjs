// What the benches that start Keel share: a database of their own, free ports, medusa commands,
// waiting for a server, and cleaning up (children killed, database dropped, work folder removed;
// on failure, the tail of each log printed first).
import { spawnSync } from "node:child_process"
import fs from "node:fs"
import net from "node:net"
import os from "node:os"
import path from "node:path"
import { fileURLToPath } from "node:url"
import pg from "pg"

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..")
export const medusa = path.join(root, "node_modules", ".bin", "medusa")

/** Exits with the install line when a tool the bench needs is missing. */
export function requireTools(tools) {
  for (const tool of tools) {
    if (spawnSync("which", [tool]).status !== 0) {
      console.error(`${tool} not found: apt-get install ${tool}`)
      process.exit(1)
    }
  }
}

export function freePort() {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })
}

/**
 * A bench run: its own database (`databaseUrl`), a work folder for logs, the children to kill.
 * `finish(main)` runs main, then cleans up (printing the logs first when main failed).
 */
export function benchRun(prefix) {
  const dbName = `${prefix}_${Date.now()}`
  const dbUser = process.env.DB_USERNAME || "postgres"
  const dbAuth = process.env.DB_PASSWORD ? `${dbUser}:${encodeURIComponent(process.env.DB_PASSWORD)}` : dbUser
  const dbServer = `${process.env.DB_HOST || "localhost"}:${process.env.DB_PORT || 5432}`
  const adminUrl = `postgres://${dbAuth}@${dbServer}/postgres`
  const work = fs.mkdtempSync(path.join(os.tmpdir(), `${prefix.replace(/_/g, "-")}-`))
  const children = []

  async function onAdminDb(sql) {
    const client = new pg.Client({ connectionString: adminUrl })
    await client.connect()
    await client.query(sql(client))
    await client.end()
  }

  async function cleanup() {
    for (const child of children) {
      try {
        process.kill(child.pid === undefined ? 0 : -child.pid, "SIGKILL")
      } catch {
        child.kill("SIGKILL")
      }
    }
    await new Promise((r) => setTimeout(r, 1000))
    await onAdminDb((c) => "DROP DATABASE IF EXISTS " + c.escapeIdentifier(dbName) + " WITH (FORCE)")
    fs.rmSync(work, { recursive: true, force: true })
  }

  const databaseUrl = `postgres://${dbAuth}@${dbServer}/${dbName}`
  return {
    databaseUrl,
    /** The environment Keel's server and commands run with in a bench: production, quiet, no Redis unless added. */
    serverEnv(extra = {}) {
      const env = {
        ...process.env,
        DATABASE_URL: databaseUrl,
        NODE_ENV: "production",
        ADMIN_DISABLED: "true",
        LOG_LEVEL: "error",
        MEDUSA_DISABLE_TELEMETRY: "true",
        KEEL_UPLOAD_DIR: path.join(work, "uploads"),
        ...extra,
      }
      if (!("REDIS_URL" in extra)) delete env.REDIS_URL
      return env
    },
    work,
    children,
    createDatabase: () => onAdminDb((c) => "CREATE DATABASE " + c.escapeIdentifier(dbName)),
    /** `medusa <args>` in `cwd`, failing with its output. */
    medusa(args, env, cwd = root) {
      // A seed logs a lot (events for an index not built yet); the default 1 MB buffer would kill it.
      const result = spawnSync(medusa, args, { cwd, env, encoding: "utf8", maxBuffer: 512 * 1024 * 1024 })
      if (result.status !== 0) throw new Error(`medusa ${args.join(" ")} failed:\n${result.stdout}${result.stderr}`)
    },
    async waitFor(url, timeoutMs = 180_000) {
      const deadline = Date.now() + timeoutMs
      while (Date.now() < deadline) {
        if (await fetch(url).then((r) => r.ok, () => false)) return
        await new Promise((r) => setTimeout(r, 300))
      }
      throw new Error(`${url} did not answer (logs in ${work})`)
    },
    finish(main) {
      main().then(cleanup, async (error) => {
        console.error(error)
        for (const file of fs.readdirSync(work).filter((f) => f.endsWith(".log"))) {
          console.error(`--- ${file}\n${fs.readFileSync(path.join(work, file), "utf8").slice(-3000)}`)
        }
        await cleanup()
        process.exit(1)
      })
    },
  }
}
