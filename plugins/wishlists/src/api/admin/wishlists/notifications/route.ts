import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { presentNotification } from "../../../../lib/present-notification"
import { WISHLISTS_MODULE } from "../../../../modules/wishlists"
import type WishlistsModuleService from "../../../../modules/wishlists/service"
import type { AdminWishlistNotificationsResponse } from "../../responses"
import type { AdminWishlistNotificationsType } from "../../validators"

/**
 * GET /admin/wishlists/notifications?status&limit&offset: alert notifications in the outbox,
 * newest first; `status` is `undelivered` (the default: pending and dead), `pending`, `dead` or `sent`.
 */
export const GET = async (req: AuthenticatedMedusaRequest<unknown, AdminWishlistNotificationsType>, res: MedusaResponse) => {
  const { status, limit, offset } = req.validatedQuery as AdminWishlistNotificationsType
  const [rows, count] = await req.scope
    .resolve<WishlistsModuleService>(WISHLISTS_MODULE)
    .listAndCountWishlistNotifications({ status: status === "undelivered" ? ["pending", "dead"] : status }, { take: limit, skip: offset, order: { created_at: "DESC", id: "DESC" } })
  res.json({ notifications: rows.map((row) => presentNotification(row as never)), count, limit, offset } satisfies AdminWishlistNotificationsResponse)
}
