import type { MedusaRequest } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"

/** The header a guest sends their list's secret token in. */
export const GUEST_TOKEN_HEADER = "x-wishlist-token"

type Req = MedusaRequest & { auth_context?: { actor_id?: string; actor_type?: string }; publishable_key_context?: { sales_channel_ids?: string[] } }

/** Who is asking: the logged-in customer and/or the guest token in the header. */
export function actorOf(req: MedusaRequest) {
  const auth = (req as Req).auth_context
  const header = req.headers[GUEST_TOKEN_HEADER]
  return {
    customer_id: auth?.actor_type === "customer" ? auth.actor_id ?? null : null,
    guest_token: (Array.isArray(header) ? header[0] : header) || null,
  }
}

/** The sales channel of the publishable key (its first), which new lists belong to. */
export function salesChannelOf(req: MedusaRequest): string {
  const id = (req as Req).publishable_key_context?.sales_channel_ids?.[0]
  if (!id) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, "The publishable key has no sales channel")
  }
  return id
}
