import { ChildProcess, spawn } from "child_process"
import net from "net"
import Redis from "ioredis"

// eslint-disable-next-line @typescript-eslint/no-require-imports -- shared with scripts/test.mjs (CommonJS)
export const { freePort }: { freePort: () => Promise<number> } = require("./free-port.cjs")

async function waitForPort(port: number, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect({ port, host: "127.0.0.1" })
      socket.once("connect", () => (socket.destroy(), resolve(true)))
      socket.once("error", () => resolve(false))
    })
    if (open) {
      return
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`nothing listens on port ${port}`)
}

export type RedisServer = { url: string; port: number; stop: () => Promise<void>; restart: () => Promise<void> }

/** A redis-server of the test's own on a spare port, keeping nothing on disk. */
export async function startRedisServer(): Promise<RedisServer> {
  const port = await freePort()
  let proc: ChildProcess
  const launch = async () => {
    proc = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], {
      stdio: "ignore",
    })
    await waitForPort(port)
  }
  const stop = () =>
    new Promise<void>((resolve) => {
      if (proc.exitCode !== null || proc.signalCode !== null) return resolve()
      proc.once("exit", () => resolve())
      proc.kill("SIGKILL")
    })
  await launch()
  return { url: `redis://127.0.0.1:${port}`, port, stop, restart: async () => (await stop(), launch()) }
}

/**
 * Redis for a suite: REDIS_URL (database index 15) when set, else a server of its own.
 * Returns the URL and a cleanup.
 */
export async function redisForSuite(): Promise<{ url: string; stop: () => Promise<void> }> {
  if (process.env.REDIS_URL) {
    const url = new URL(process.env.REDIS_URL)
    url.pathname = "/15"
    const client = new Redis(url.toString())
    await client.flushdb()
    client.disconnect()
    return { url: url.toString(), stop: async () => undefined }
  }
  return startRedisServer()
}
