import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { FLASH_SALES_MODULE, type FlashSalesModuleService } from "../../../../../modules/flash-sales"
import { removePurchaseLimitWorkflow, setPurchaseLimitWorkflow } from "../../../../../workflows/purchase-limits"
import type { AdminSetPurchaseLimitType } from "../../../../validators"

/** GET /admin/products/:id/purchase-limit: the product's limit per buyer, or null. */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const service = req.scope.resolve<FlashSalesModuleService>(FLASH_SALES_MODULE)
  const [limit] = await service.listPurchaseLimits({ product_id: req.params.id })
  res.json({ purchase_limit: limit ?? null })
}

/** POST /admin/products/:id/purchase-limit: sets it ({ max_quantity, starts_at?, ends_at? }). */
export async function POST(req: AuthenticatedMedusaRequest<AdminSetPurchaseLimitType>, res: MedusaResponse) {
  const { result } = await setPurchaseLimitWorkflow(req.scope).run({ input: { product_id: req.params.id, ...req.validatedBody } })
  res.json({ purchase_limit: result })
}

/** DELETE /admin/products/:id/purchase-limit: removes it. */
export async function DELETE(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  await removePurchaseLimitWorkflow(req.scope).run({ input: { product_id: req.params.id } })
  res.json({ product_id: req.params.id, object: "purchase_limit", deleted: true })
}
