import { ChildProcess, spawn } from "child_process"
import fs from "fs"
import os from "os"
import path from "path"
import { freePort } from "./redis"

// Keel started the way a newcomer starts it: `npm start` (scripts/keel.mjs) as a child process.

const root = path.resolve(__dirname, "..", "..")

/**
 * An empty data folder, spare ports for HTTP and the embedded PostgreSQL, and the environment of
 * someone who has set nothing up (no DATABASE_URL, no admin login, no NODE_ENV or LOG_LEVEL).
 */
export async function newcomerSetup(prefix = "keel-start-") {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), prefix))
  fs.chmodSync(dataDir, 0o755) // the embedded PostgreSQL runs as its own user when we are root
  const port = await freePort()
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    KEEL_DATA_DIR: dataDir,
    PORT: String(port),
    KEEL_PG_PORT: String(await freePort()),
  }
  for (const name of ["DATABASE_URL", "NODE_ENV", "LOG_LEVEL", "ADMIN_EMAIL", "ADMIN_PASSWORD", "MEDUSA_BACKEND_URL"]) {
    delete env[name]
  }
  return { dataDir, env, base: `http://localhost:${port}` }
}

export type Running = { proc: ChildProcess; output: () => string; exited: Promise<number | null> }

export function startKeel(env: NodeJS.ProcessEnv): Running {
  let output = ""
  const proc = spawn(process.execPath, [path.join(root, "scripts", "keel.mjs")], {
    cwd: root,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  })
  proc.stdout!.on("data", (chunk) => (output += chunk))
  proc.stderr!.on("data", (chunk) => (output += chunk))
  const exited = new Promise<number | null>((resolve) => proc.once("exit", (code) => resolve(code)))
  return { proc, output: () => output, exited }
}

/** Waits for the "Keel is up" banner and returns the publishable key and admin login it prints. */
export async function waitForBanner(running: Running, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    const text = running.output()
    if (text.includes("Keel is up")) {
      return {
        key: /Publishable key\s+(pk_\w+)/.exec(text)![1],
        email: /Admin login\s+(\S+) \/ (\S+)/.exec(text)![1],
        password: /Admin login\s+(\S+) \/ (\S+)/.exec(text)![2],
      }
    }
    if (running.proc.exitCode !== null) {
      throw new Error(`npm start exited with ${running.proc.exitCode}:\n${text.slice(-4000)}`)
    }
    await new Promise((r) => setTimeout(r, 500))
  }
  throw new Error(`npm start did not come up in time:\n${running.output().slice(-4000)}`)
}

/** Ctrl-C, as a user stops it; SIGKILL after a minute. Resolves with the exit code. */
export async function stop(running: Running) {
  running.proc.kill("SIGINT")
  const timer = setTimeout(() => running.proc.kill("SIGKILL"), 60_000)
  const code = await running.exited
  clearTimeout(timer)
  return code
}
