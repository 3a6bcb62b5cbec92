import { ChildProcess, spawn } from "child_process"
import net from "net"
import Redis from "ioredis"

const handedOut = new Set<number>()

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer()
    server.once("error", () => resolve(false))
    // No host: every interface, IPv4 and IPv6, as PostgreSQL ("localhost") and Medusa bind.
    server.listen(port, () => server.close(() => resolve(true)))
  })
}

/**
 * A port nothing listens on, for a server a test starts. It is taken below Linux's ephemeral
 * range (32768-60999): a port the kernel hands out (`listen(0)`) can be given again to any
 * outgoing connection in the seconds before the server binds it (an embedded PostgreSQL runs
 * initdb first). CI once failed to start an embedded PostgreSQL on such a port, most likely so.
 */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = 20000 + Math.floor(Math.random() * 12000)
    if (handedOut.has(port)) continue
    if (await canListen(port)) {
      handedOut.add(port)
      return port
    }
  }
  throw new Error("no free port found between 20000 and 32000")
}

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
