import type { INotificationModuleService, Logger, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { WISHLISTS_MODULE } from "../modules/wishlists"
import type WishlistsModuleService from "../modules/wishlists/service"

/**
 * Delivering the alert notifications kept in `keel_wishlist_notification` (an outbox), exactly
 * once each:
 * - A row is taken for one attempt with a lease (its next attempt moved LEASE_MS ahead in one
 *   statement), so two processes never send the same row at once.
 * - Before an attempt, the Notification Module's record of every earlier attempt is read: one
 *   that succeeded marks the row sent without sending again (a process that stopped between the
 *   provider's answer and the row's update); one still "pending" there means a send may have gone
 *   out, so the row is set aside (`dead`) for the merchant to look at rather than risk a second mail.
 * - Attempt n > 1 uses the key `<key>:retry-<n>`. The Notification Module keeps a failed
 *   notification under its key, and a retry under the same key can never succeed there (it
 *   updates a notification id it never stored), so each attempt has a key of its own.
 * - A failed attempt is retried after BACKOFF_MS[attempt]; after the last one the row is `dead`.
 */

export const BACKOFF_MS = [60_000, 5 * 60_000, 15 * 60_000, 60 * 60_000, 3 * 3_600_000, 6 * 3_600_000, 12 * 3_600_000, 24 * 3_600_000]
/** Attempts before a row is given up on (dead): about two days of retries. */
export const MAX_ATTEMPTS = BACKOFF_MS.length
const LEASE_MS = 5 * 60_000
/** An earlier attempt still pending at the Notification Module after this long did not finish. */
const STALE_PENDING_MS = 10 * 60_000

export type DeliveryResult = { sent: number; failed: number; dead: number }

type OutboxRow = {
  id: string
  idempotency_key: string
  to: string
  channel: string
  template: string
  receiver_id: string | null
  item_id: string
  data: Record<string, unknown>
  attempts: number
}

const attemptKey = (key: string, attempt: number) => (attempt <= 1 ? key : `${key}:retry-${attempt}`)

/**
 * Sends the pending rows that are due (or exactly these, when `ids` is given, as the run that
 * queued them does). Delivery failures are recorded on the rows, never thrown.
 */
export async function deliverWishlistNotifications(
  container: MedusaContainer,
  { ids, now = new Date(), limit = 100 }: { ids?: string[]; now?: Date; limit?: number } = {}
): Promise<DeliveryResult> {
  const service = container.resolve<WishlistsModuleService>(WISHLISTS_MODULE)
  const notifications = container.resolve<INotificationModuleService>(Modules.NOTIFICATION)
  const logger = container.resolve<Logger>(ContainerRegistrationKeys.LOGGER)
  const result: DeliveryResult = { sent: 0, failed: 0, dead: 0 }
  const due = await service.leaseDueNotifications({ ids, now, leaseUntil: new Date(now.getTime() + LEASE_MS), limit })
  for (const row of due as OutboxRow[]) {
    const attempt = row.attempts + 1
    const earlier = Array.from({ length: row.attempts }, (_, i) => attemptKey(row.idempotency_key, i + 1))
    // The module filters on any of its columns; its filter type just does not list this one.
    const recorded = earlier.length ? await notifications.listNotifications({ idempotency_key: earlier } as Parameters<typeof notifications.listNotifications>[0]) : []
    const succeeded = recorded.find((n) => n.status === "success")
    if (succeeded) {
      await service.updateWishlistNotifications({ id: row.id, status: "sent", sent_at: now, notification_id: succeeded.id })
      result.sent++
      continue
    }
    const unfinished = recorded.find((n) => n.status === "pending" && now.getTime() - new Date(n.created_at).getTime() > STALE_PENDING_MS)
    if (unfinished) {
      const reason = `attempt ${recorded.indexOf(unfinished) + 1} (notification ${unfinished.id}) was started and never finished: check the provider before retrying, it may have been sent`
      await service.updateWishlistNotifications({ id: row.id, status: "dead", last_error: reason })
      logger.warn(`[wishlists] alert notification ${row.id} set aside: ${reason}`)
      result.dead++
      continue
    }
    try {
      const sent = await notifications.createNotifications({
        to: row.to,
        channel: row.channel,
        template: row.template,
        receiver_id: row.receiver_id,
        resource_id: row.item_id,
        resource_type: "keel_wishlist_item",
        idempotency_key: attemptKey(row.idempotency_key, attempt),
        data: row.data,
      })
      await service.updateWishlistNotifications({ id: row.id, status: "sent", attempts: attempt, sent_at: new Date(), notification_id: sent?.id ?? null, last_error: null })
      result.sent++
    } catch (error) {
      const message = (error as Error).message
      const dead = attempt >= MAX_ATTEMPTS
      await service.updateWishlistNotifications({
        id: row.id,
        attempts: attempt,
        last_error: message.slice(0, 2000),
        status: dead ? "dead" : "pending",
        next_attempt_at: new Date(now.getTime() + BACKOFF_MS[Math.min(attempt, BACKOFF_MS.length) - 1]),
      })
      logger.warn(`[wishlists] alert notification ${row.id} (attempt ${attempt} of ${MAX_ATTEMPTS}) failed${dead ? ", given up" : ""}: ${message}`)
      if (dead) result.dead++
      else result.failed++
    }
  }
  return result
}
