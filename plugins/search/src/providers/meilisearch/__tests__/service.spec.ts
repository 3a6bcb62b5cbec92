import type { Logger } from "@medusajs/framework/types"
import { MedusaError } from "@medusajs/framework/utils"
import net from "net"
import { MeilisearchSearchService } from "../service"

const logger = { warn: () => undefined } as unknown as Logger
const manager = { execute: async () => [] }

/** A local port nothing listens on. */
async function closedPort() {
  const server = net.createServer()
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const { port } = server.address() as net.AddressInfo
  await new Promise((resolve) => server.close(resolve))
  return port
}

describe("Meilisearch provider without a server", () => {
  it("refuses options it cannot use when the app starts", () => {
    const build = (options: object) => () => new MeilisearchSearchService({ manager, logger }, options as never)
    expect(build({})).toThrow(MedusaError)
    expect(build({ host: "http://localhost:7700", index_prefix: "keel staging" })).toThrow(/index prefix/)
    expect(build({ host: "http://localhost:7700", task_timeout_ms: -1 })).toThrow(/task_timeout_ms/)
    expect(MeilisearchSearchService.identifier).toBe("keel-meilisearch")
  })

  it("reports an unreachable server as a MedusaError, after loading the ESM-only client", async () => {
    const port = await closedPort()
    const provider = new MeilisearchSearchService({ manager, logger }, { host: `http://127.0.0.1:${port}` })
    const failure = await provider.listIndexes().catch((error) => error)
    expect(failure).toBeInstanceOf(MedusaError)
    expect([failure.type, failure.message]).toEqual([MedusaError.Types.UNEXPECTED_STATE, expect.stringContaining("listing indexes")])
  })
})
