import type { AdminWishlistNotification } from "../api/admin/responses"

type Row = Record<string, unknown> & { id: string }

const iso = (value: unknown) => (value ? new Date(value as string | Date).toISOString() : null)

/** An outbox row as the admin API answers it (the message's data stays server-side). */
export function presentNotification(row: Row): AdminWishlistNotification {
  return {
    id: row.id,
    kind: row.kind as AdminWishlistNotification["kind"],
    to: row.to as string,
    template: row.template as string,
    item_id: row.item_id as string,
    status: row.status as AdminWishlistNotification["status"],
    attempts: Number(row.attempts),
    last_error: (row.last_error as string | null) ?? null,
    next_attempt_at: iso(row.next_attempt_at)!,
    sent_at: iso(row.sent_at),
    created_at: iso(row.created_at)!,
  }
}
