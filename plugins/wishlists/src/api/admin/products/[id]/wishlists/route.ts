import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { productWishlistCounts } from "../../../../../lib/insights"
import type { AdminProductWishlistsResponse } from "../../../responses"

/** GET /admin/products/:id/wishlists: on how many live lists the product is, and how many items of it they hold. */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const productId = req.params.id
  const counts = await productWishlistCounts(req.scope.resolve(ContainerRegistrationKeys.PG_CONNECTION), productId)
  res.json({ product_id: productId, ...counts } satisfies AdminProductWishlistsResponse)
}
