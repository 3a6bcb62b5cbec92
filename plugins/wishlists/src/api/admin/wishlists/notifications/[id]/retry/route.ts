import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { presentNotification } from "../../../../../../lib/present-notification"
import { retryWishlistNotificationWorkflow } from "../../../../../../workflows/retry-wishlist-notification"
import type { AdminWishlistNotificationResponse } from "../../../../responses"

/** POST /admin/wishlists/notifications/:id/retry: one more attempt now, for one that is pending or was given up; 404 for one already sent. */
export const POST = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const { result } = await retryWishlistNotificationWorkflow(req.scope).run({ input: { id: req.params.id } })
  res.json({ notification: presentNotification(result as never) } satisfies AdminWishlistNotificationResponse)
}
