import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { observeJson, type ErrorAnswer } from "@keel/core"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { Logger } from "@medusajs/framework/types"
import { FLASH_SALES_MODULE, type FlashSalesModuleService } from "../modules/flash-sales"
import { admitCart, cartForGate, FlashSaleRejection, INSUFFICIENT_INVENTORY, PURCHASE_LIMIT_EXCEEDED } from "../lib/gate"

const COMPLETE_ROUTE = /^\/store\/carts\/([^/]+)\/complete\/?$/
// Medusa's own refusal inside its inventory lock (inventory module, createReservationItems).
const STOCK_IN_LOCK = /Not enough stock available for item (\S+) at location (\S+)/

type Answer = { type: string; code: string; message: string; variant_ids: string[]; product_ids: string[] }
type FlashError = { code?: string; message?: string; variant_ids?: string[]; product_ids?: string[] }

/** A failed claim store call, logged once with the cart it was for (the claim then lapses by its TTL). */
const logFailure = (req: MedusaRequest, what: string, cartId: string) => (error: Error) =>
  req.scope.resolve<Logger>(ContainerRegistrationKeys.LOGGER).warn(`[flash-sales] ${what} for cart ${cartId} failed: ${error.message}`)

const idsIn = (text: string, prefix: string) => [...new Set(text.match(new RegExp(`\\b${prefix}_[0-9A-Za-z]+`, "g")) ?? [])]

/** The variants (and their products) of a cart that draw on an inventory item. */
async function cartVariantsDrawingOn(req: MedusaRequest, cartId: string, inventoryItemId: string) {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "cart",
    fields: ["id", "items.variant_id", "items.product_id", "items.variant.inventory_items.inventory_item_id"],
    filters: { id: cartId },
  })
  const items = (data[0]?.items ?? []) as { variant_id?: string; product_id?: string; variant?: { inventory_items?: { inventory_item_id: string }[] } }[]
  const drawing = items.filter((i) => i?.variant?.inventory_items?.some((l) => l?.inventory_item_id === inventoryItemId))
  return {
    variant_ids: [...new Set(drawing.map((i) => i.variant_id!).filter(Boolean))],
    product_ids: [...new Set(drawing.map((i) => i.product_id!).filter(Boolean))],
  }
}

/**
 * A completion refused for stock or a purchase limit, as the storefront needs it: 409 with a
 * machine-readable code and the variant and product ids, never Medusa's generic "retry" 409 or a 400.
 */
export async function flashSaleAnswer(err: FlashError, req: MedusaRequest): Promise<Answer | null> {
  const message = String(err?.message ?? "")
  const route = COMPLETE_ROUTE.exec(req.path)
  // The gate's refusals; on the completion route also a serialized copy of one (a workflow engine
  // may hand the route that). Elsewhere Medusa's own insufficient_inventory (adding to a cart) stays a 400.
  const gateRefusal = err instanceof FlashSaleRejection || (!!route && (err?.code === INSUFFICIENT_INVENTORY || err?.code === PURCHASE_LIMIT_EXCEEDED))
  if (gateRefusal && err.code) {
    return {
      type: "not_allowed",
      code: err.code,
      message,
      variant_ids: err.variant_ids ?? idsIn(message, "variant"),
      product_ids: err.product_ids ?? idsIn(message, "prod"),
    }
  }
  const inLock = STOCK_IN_LOCK.exec(message)
  if (!route || !inLock) return null
  const [, inventoryItemId, locationId] = inLock
  // The budget let more in than the database had: stock changed outside a checkout. Re-read it.
  await (await req.scope.resolve<FlashSalesModuleService>(FLASH_SALES_MODULE).claims()).invalidate([`stock:${inventoryItemId}:${locationId}`])
  const ids = await cartVariantsDrawingOn(req, route[1], inventoryItemId)
  return { type: "not_allowed", code: INSUFFICIENT_INVENTORY, message: `Not enough stock left for variant ${ids.variant_ids.join(", ")}.`, ...ids }
}

/**
 * The plugin's answer to an error, for the app's error handler to compose (Medusa has one error
 * handler per app and a plugin never sets it): a completion refused for stock or a purchase limit
 * is `409` with the body above; anything else is `null`, for the app's next answer or Medusa's own.
 */
export const flashSaleErrorAnswer: ErrorAnswer = async (err, req) => {
  const body = await flashSaleAnswer(err as FlashError, req as MedusaRequest)
  return body ? { status: 409, body } : null
}

type GateLocals = { keelFlashClaimed?: string }

/** How long the "being completed" mark lasts without renewal (a request renews it every 10 s). */
const RUNNING_MARK_SECONDS = 30

/**
 * POST /store/carts/:id/complete, before Medusa's route: the cart is admitted or refused here,
 * with one cart query and one atomic claim, so a shopper who cannot have the units is answered at
 * once (409) without starting a completion (a workflow run costs far more than the answer). The
 * workflow's validate hook claims again for completions that do not come through this route; for
 * this cart it finds the claim already held.
 *
 * Afterwards: an order spends the claim (its units are now a reservation); any other answer gives
 * back a claim this request made. A claim found already held belongs to a completion still running
 * for the same cart (a double submit), and is left to it.
 */
export async function admitAtTheDoor(req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) {
  const cartId = req.params.id
  const claims = (await req.scope.resolve<FlashSalesModuleService>(FLASH_SALES_MODULE).claims())
  const locals = res.locals as GateLocals
  try {
    const cart = await cartForGate(req.scope, cartId)
    if (cart) {
      const { fresh } = await admitCart(req.scope, cart)
      if (fresh) locals.keelFlashClaimed = cartId
    }
  } catch (error) {
    const answer = await flashSaleAnswer(error as FlashError, req)
    if (answer) {
      res.status(409).json(answer)
      return
    }
    // Anything else (no such cart, …): Medusa's route answers it as it would have.
  }
  // While the completion runs, the cart is marked as being completed (renewed every 10 s, dropped
  // once the answer is written): the recovery job never takes such a run for one a crash cut off.
  // A shopper who gives up waiting closes the connection, but the run goes on until Medusa's route
  // answers, so the mark stays until then (at most 10 minutes).
  const running = `running:${cartId}`
  await claims.mark(running, RUNNING_MARK_SECONDS).catch(logFailure(req, "marking the completion as running", cartId))
  const heartbeat = setInterval(() => void claims.mark(running, RUNNING_MARK_SECONDS).catch(logFailure(req, "renewing the running mark", cartId)), 10_000)
  heartbeat.unref()
  const giveUp = setTimeout(() => clearInterval(heartbeat), 10 * 60_000)
  giveUp.unref()
  let answered = false
  const done = () => {
    if (answered) return
    answered = true
    clearInterval(heartbeat)
    clearTimeout(giveUp)
    void claims.unmark(running).catch(logFailure(req, "dropping the running mark", cartId))
  }
  res.once("finish", done)
  // The route's answer (or the error handler's) settles the claim: an order spends it, any other
  // answer gives back a claim this request made (the workflow's compensation may have done so
  // already; both are idempotent).
  observeJson(res, "@keel/flash-sales", (body) => {
    if ((body as { type?: string } | null)?.type === "order") void claims.commit(cartId).catch(logFailure(req, "spending the claim", cartId))
    else if (locals.keelFlashClaimed) void claims.release(cartId).catch(logFailure(req, "giving back the claim", cartId))
    done()
  })
  next()
}
