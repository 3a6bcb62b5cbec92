import type { MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"

/**
 * Sees a JSON answer before it is written: its status is `res.statusCode`, its body is the value
 * the route passed to `res.json`. An observer reads; it never changes the body or writes the answer.
 */
export type JsonObserver = (body: unknown, res: MedusaResponse) => void

/** Writes a JSON answer in place of `res.json` (the app's response cache: bytes, ETag, 304). */
export type JsonSender = (body: unknown, res: MedusaResponse) => MedusaResponse

type Hooked = {
  observers: { name: string; observe: JsonObserver }[]
  sender?: { name: string; send: JsonSender }
}

const hooked = new WeakMap<MedusaResponse, Hooked>()

type Warn = { warn(message: string): void }

function loggerOf(res: MedusaResponse): Warn {
  const scope = (res.req as { scope?: { resolve(key: string): unknown } } | undefined)?.scope
  try {
    return (scope?.resolve(ContainerRegistrationKeys.LOGGER) as Warn | undefined) ?? console
  } catch {
    return console
  }
}

/**
 * The one place in Keel (app and plugins) that hooks a response's `res.json`. Middlewares that need
 * a route's answer ask here instead of wrapping `res.json` themselves, so what each of them sees does
 * not depend on the order in which the app and the plugins registered:
 * - every observer sees the body the route gave, in the order they were added, before it is written;
 *   an observer that throws is logged (with its name) and the answer goes out as it would have;
 * - at most one sender writes the answer; a second one is a programming error and throws at once.
 */
function hook(res: MedusaResponse): Hooked {
  let state = hooked.get(res)
  if (state) return state
  const created: Hooked = { observers: [] }
  state = created
  hooked.set(res, created)
  const json = res.json.bind(res)
  let answering = false
  res.json = (body: unknown) => {
    // A sender may answer with res.json itself: that call writes, it is not observed again.
    if (answering) return json(body)
    answering = true
    for (const { name, observe } of created.observers) {
      try {
        observe(body, res)
      } catch (error) {
        loggerOf(res).warn(`${name}: observing the answer to ${res.req?.method} ${res.req?.path} failed: ${(error as Error).message}`)
      }
    }
    try {
      return created.sender ? created.sender.send(body, res) : json(body)
    } finally {
      answering = false
    }
  }
  return state
}

/** Calls `observe` with the JSON answer of this response before it is written. `name` appears in logs. */
export function observeJson(res: MedusaResponse, name: string, observe: JsonObserver): void {
  hook(res).observers.push({ name, observe })
}

/** Lets `send` write this response's JSON answer (after every observer saw it). One per response. */
export function sendJsonWith(res: MedusaResponse, name: string, send: JsonSender): void {
  const state = hook(res)
  if (state.sender) {
    throw new MedusaError(MedusaError.Types.UNEXPECTED_STATE, `${name}: the answer to this response is already written by ${state.sender.name}; one sender per response`)
  }
  state.sender = { name, send }
}
