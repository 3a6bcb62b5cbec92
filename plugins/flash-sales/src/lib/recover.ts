import type { Logger, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules, TransactionState } from "@medusajs/framework/utils"
import {
  cancelOrderWorkflow,
  completeCartWorkflowId,
  createPaymentCollectionForCartWorkflow,
  createPaymentSessionsWorkflow,
} from "@medusajs/medusa/core-flows"
import { FLASH_SALES_MODULE, type FlashSalesModuleService } from "../modules/flash-sales"

/** How long a suspected dead run is left, with its cart lock held, before it is read again. */
const RECHECK_GRACE_MS = 5000

const UNFINISHED = [
  TransactionState.NOT_STARTED,
  TransactionState.INVOKING,
  TransactionState.WAITING_TO_COMPENSATE,
  TransactionState.COMPENSATING,
]

type Execution = {
  workflow_id: string
  transaction_id: string
  run_id: string
  state: string
  created_at: Date | string
  updated_at: Date | string
  context?: { data?: { payload?: { id?: string } } }
}
type Order = { id: string; status?: string; email?: string | null; created_at?: Date | string }

/**
 * Completions cut off by a crash (kill -9, a lost machine). Medusa keeps a record of every
 * completion (completeCartWorkflow has `store: true`), but nothing picks up a run whose process
 * died, and for a synchronous run it stores no step results: the workflow engine's own `cancel`
 * has nothing to compensate with (tried: it leaves the run "waiting_to_compensate" and the order
 * in place). So the run is undone from what the database shows, with Medusa's own workflows:
 *
 * 1. A run is taken as dead when its record has not moved for `recoverAfterSeconds`, no request is
 *    completing its cart (the door's mark, renewed while the request runs) and nobody holds its
 *    cart's lock (completeCartWorkflow holds it while it runs; a dead process's lock lapses after
 *    its 2-minute TTL). The recovery takes that lock itself, waits 5 s (a live run frees the lock
 *    a moment before it records that it is done) and reads the run again under it.
 * 2. Every order the run made is canceled with `cancelOrderWorkflow`: its reservations are deleted
 *    and an authorized payment is voided. The orders are those linked to the cart, and, when the
 *    crash came before the link was written, those placed with the cart's e-mail within the run's
 *    two minutes that no cart is linked to.
 * 3. The cart is reopened (its order link removed, `completed_at` cleared, a new payment
 *    collection in place of the one the canceled order keeps), so the shopper can complete it
 *    again, and its claim is given back. Each run is undone once (remembered in the
 *    claim store for 3 days).
 *
 * Claims held by carts that have neither a live run nor an order are given back too.
 */
export async function recoverCompletions(container: MedusaContainer) {
  const logger = container.resolve<Logger>(ContainerRegistrationKeys.LOGGER)
  const service = container.resolve<FlashSalesModuleService>(FLASH_SALES_MODULE)
  const engine = container.resolve(Modules.WORKFLOW_ENGINE)
  const locking = container.resolve(Modules.LOCKING)
  const afterMs = (await service.recoverAfterSeconds()) * 1000
  const cutoff = Date.now() - afterMs
  const claims = await service.claims()

  const executions = (await engine.listWorkflowExecutions({ workflow_id: completeCartWorkflowId, state: UNFINISHED } as never, {
    take: 500,
    order: { created_at: "ASC" },
  } as never)) as unknown as Execution[]
  const live = new Set<string>()
  let reverted = 0
  const suspects: { execution: Execution; cartId: string; owner: string }[] = []
  for (const execution of executions) {
    if (await claims.isDone(`recovered:${execution.transaction_id}:${execution.run_id}`)) continue
    const cartId = execution.context?.data?.payload?.id
    if (!cartId) continue
    if (new Date(execution.updated_at).getTime() > cutoff) {
      live.add(cartId)
      continue
    }
    // A request completing this cart right now (the door marks it, renewed while it runs).
    if (await claims.isDone(`running:${cartId}`)) {
      live.add(cartId)
      continue
    }
    const owner = `keel-flash-recover:${execution.transaction_id}`
    try {
      await locking.acquire(cartId, { ownerId: owner, expire: 120 })
    } catch {
      live.add(cartId) // still running somewhere, or its dead process's lock has not lapsed yet
      continue
    }
    suspects.push({ execution, cartId, owner })
  }
  // A live run releases its cart's lock a moment before it records that it is done, and under a
  // burst that moment can last. So the runs are read again only after a grace period, with their
  // cart locks held (nothing can start on those carts meanwhile).
  if (suspects.length) await new Promise((resolve) => setTimeout(resolve, RECHECK_GRACE_MS))
  for (const { execution, cartId, owner } of suspects) {
    let reopened = false
    try {
      // Renewed (same owner: a new 2-minute TTL): undoing many suspects one after another can
      // outlast the lock taken above. Taken by someone else meanwhile, the cart is left alone.
      await locking.acquire(cartId, { ownerId: owner, expire: 120 })
    } catch {
      live.add(cartId)
      continue
    }
    try {
      const [fresh] = (await engine.listWorkflowExecutions(
        { workflow_id: completeCartWorkflowId, transaction_id: execution.transaction_id, run_id: execution.run_id } as never,
        { take: 1 } as never
      )) as unknown as Execution[]
      if (!fresh || !UNFINISHED.includes(fresh.state as TransactionState) || (await claims.isDone(`running:${cartId}`))) {
        live.add(cartId)
        continue
      }
      // Once per run: its record stays "unfinished" in Medusa's table, and a second pass would
      // cancel the order of a later, successful completion of the same cart.
      const name = `recovered:${execution.transaction_id}:${execution.run_id}`
      if (!(await claims.isDone(name))) {
        await revertCompletion(container, cartId, new Date(execution.created_at))
        await claims.release(cartId)
        await claims.markDone(name)
        reverted++
        reopened = true
      }
    } catch (error) {
      logger.warn(`[flash-sales] could not undo completion ${execution.transaction_id} of cart ${cartId}: ${(error as Error).message}`)
    } finally {
      // A lock that cannot be released lapses by its TTL; the failure is still worth a line.
      await locking.release(cartId, { ownerId: owner }).catch((error: Error) => logger.warn(`[flash-sales] could not release the lock of cart ${cartId}: ${error.message}`))
    }
    // After the lock: Medusa's payment workflows take the cart's lock themselves.
    if (reopened) {
      await renewPaymentCollection(container, cartId).catch((error) =>
        logger.warn(`[flash-sales] cart ${cartId} was reopened, but its payment could not be renewed: ${(error as Error).message}`)
      )
    }
  }

  let released = 0
  const held = await claims.held(afterMs)
  if (held.length) {
    const cartIds = held.map((h) => h.cartId)
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data } = await query.graph({ entity: "order_cart", fields: ["cart_id"], filters: { cart_id: cartIds } })
    const ordered = new Set(data.map((row: { cart_id: string }) => row.cart_id))
    for (const cartId of cartIds) {
      if (ordered.has(cartId)) await claims.commit(cartId)
      else if (!live.has(cartId) && (await claims.release(cartId))) released++
    }
  }
  if (reverted || released) {
    logger.warn(`[flash-sales] undid ${reverted} completion(s) cut off by a crash; gave back ${released} claim(s)`)
  }
  return { reverted, released }
}

/** Cancels what a dead completion of `cartId` created and reopens the cart. */
async function revertCompletion(container: MedusaContainer, cartId: string, runStartedAt: Date) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const link = container.resolve(ContainerRegistrationKeys.LINK)
  const { data: links } = await query.graph({ entity: "order_cart", fields: ["order_id"], filters: { cart_id: cartId } })
  const orderIds = new Set<string>(links.map((l: { order_id: string }) => l.order_id))

  const { data: carts } = await query.graph({ entity: "cart", fields: ["id", "email"], filters: { id: cartId } })
  const email = (carts[0] as { email?: string | null } | undefined)?.email
  if (email) {
    // An order made before the crash but not linked yet: same e-mail, since the run began, no cart.
    const { data: recent } = await query.graph({
      entity: "order",
      fields: ["id", "email", "created_at"],
      // A run holds its cart's lock for at most 2 minutes (Medusa's TTL), so its orders are from then.
      filters: { email, created_at: { $gte: new Date(runStartedAt.getTime() - 1000), $lte: new Date(runStartedAt.getTime() + 120_000) } },
    })
    const ids = (recent as Order[]).map((o) => o.id)
    if (ids.length) {
      const { data: linked } = await query.graph({ entity: "order_cart", fields: ["order_id"], filters: { order_id: ids } })
      const withCart = new Set(linked.map((l: { order_id: string }) => l.order_id))
      for (const id of ids) if (!withCart.has(id)) orderIds.add(id)
    }
  }

  if (orderIds.size) {
    const { data: orders } = await query.graph({ entity: "order", fields: ["id", "status"], filters: { id: [...orderIds] } })
    for (const order of orders as Order[]) {
      if (order.status === "canceled") continue
      await cancelOrderWorkflow(container).run({ input: { order_id: order.id } })
    }
    await link.dismiss(
      [...orderIds].map((orderId) => ({ [Modules.ORDER]: { order_id: orderId }, [Modules.CART]: { cart_id: cartId } }))
    )
  }
  await container.resolve(Modules.CART).updateCarts(cartId, { completed_at: null } as never)
}

type CartPayment = {
  customer_id?: string | null
  payment_collection?: { id: string; payment_sessions?: ({ provider_id: string } | null)[] } | null
}

/**
 * A payment collection that reached an order stays that order's (Medusa links one collection to
 * one order), and the canceled order voided its payment: completing the cart again with it fails
 * ("Cannot create multiple links between 'order' and 'payment'"). So the reopened cart is given a
 * new collection (Medusa's workflow, as a storefront would create it) with a session of the same
 * provider. The old collection stays with the canceled order, voided payment and all. A provider
 * that needs the shopper's confirmation asks for it again on the storefront, as after any failed
 * payment.
 */
async function renewPaymentCollection(container: MedusaContainer, cartId: string) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const link = container.resolve(ContainerRegistrationKeys.LINK)
  const { data: carts } = await query.graph({
    entity: "cart",
    fields: ["id", "customer_id", "payment_collection.id", "payment_collection.payment_sessions.provider_id"],
    filters: { id: cartId },
  })
  const cart = carts[0] as CartPayment | undefined
  const old = cart?.payment_collection
  if (!old) return
  const { data: ordered } = await query.graph({ entity: "order_payment_collection", fields: ["order_id"], filters: { payment_collection_id: old.id } })
  if (!ordered.length) return // it never reached an order: its session can still pay
  const providerId = (old.payment_sessions ?? []).find((s) => !!s)?.provider_id
  await link.dismiss({ [Modules.CART]: { cart_id: cartId }, [Modules.PAYMENT]: { payment_collection_id: old.id } })
  const { result: collection } = await createPaymentCollectionForCartWorkflow(container).run({ input: { cart_id: cartId } })
  if (!providerId) return
  await createPaymentSessionsWorkflow(container).run({
    input: { payment_collection_id: collection.id, provider_id: providerId, customer_id: cart?.customer_id ?? undefined },
  })
}
