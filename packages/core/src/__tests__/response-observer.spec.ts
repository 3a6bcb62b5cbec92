import express from "express"
import type { AddressInfo } from "net"
import type { MedusaResponse } from "@medusajs/framework/http"
import { observeJson, sendJsonWith } from "../response-observer"

type Seen = { name: string; status: number; body: unknown }[]

async function serve(app: express.Express, path: string) {
  const server = app.listen(0)
  try {
    const { port } = server.address() as AddressInfo
    const res = await fetch(`http://127.0.0.1:${port}${path}`)
    return { status: res.status, body: await res.text(), type: res.headers.get("content-type") }
  } finally {
    server.close()
  }
}

describe("the one response observer", () => {
  it("shows every observer the route's own body, whatever order they came in, and lets one sender write it", async () => {
    const seen: Seen = []
    const app = express()
    const watch = (name: string) => (_req: express.Request, res: express.Response, next: express.NextFunction) => {
      observeJson(res as unknown as MedusaResponse, name, (body, r) => seen.push({ name, status: r.statusCode, body }))
      next()
    }
    app.get("/x", watch("first"), (_req, res, next) => {
      sendJsonWith(res as unknown as MedusaResponse, "cache", (body, r) => r.type("text/plain").send(`sent:${JSON.stringify(body)}`))
      next()
    }, watch("second"), (_req, res) => res.status(201).json({ a: 1 }))
    const answer = await serve(app, "/x")
    expect(answer).toMatchObject({ status: 201, body: 'sent:{"a":1}' })
    expect(answer.type).toMatch(/^text\/plain/)
    expect(seen).toEqual([
      { name: "first", status: 201, body: { a: 1 } },
      { name: "second", status: 201, body: { a: 1 } },
    ])
  })

  it("writes the answer when an observer throws, and refuses a second sender", async () => {
    const errors: string[] = []
    const app = express()
    app.get("/y", (_req, res, next) => {
      const r = res as unknown as MedusaResponse
      observeJson(r, "broken", () => {
        throw new Error("boom")
      })
      sendJsonWith(r, "one", (body, out) => out.json(body))
      try {
        sendJsonWith(r, "two", (body, out) => out.json(body))
      } catch (error) {
        errors.push((error as Error).message)
      }
      next()
    }, (_req, res) => res.json({ ok: true }))
    const warn = jest.spyOn(console, "warn").mockImplementation(() => undefined)
    const answer = await serve(app, "/y")
    expect(answer).toMatchObject({ status: 200, body: '{"ok":true}' })
    expect(warn.mock.calls.flat().join(" ")).toContain("broken: observing the answer to GET /y failed: boom")
    warn.mockRestore()
    expect(errors).toEqual(["two: the answer to this response is already written by one; one sender per response"])
  })
})
