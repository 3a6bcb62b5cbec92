import { createStep, createWorkflow, StepResponse, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { FLASH_SALES_MODULE, type FlashSalesModuleService } from "../modules/flash-sales"

type LimitInput = { product_id: string; max_quantity: number; starts_at?: Date | null; ends_at?: Date | null }
type LimitUndo = { previous?: LimitRow; createdId?: string }
type LimitRow = { id: string; product_id: string; max_quantity: number; starts_at: Date | null; ends_at: Date | null }

const purchaseLimitCheckProductStep = createStep("purchase-limit-check-product", async (input: { product_id: string }, { container }): Promise<StepResponse<boolean>> => {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity: "product", fields: ["id"], filters: { id: input.product_id } })
  if (!data.length) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Product ${input.product_id} was not found.`)
  return new StepResponse(true)
})

const purchaseLimitUpsertStep = createStep(
  "purchase-limit-upsert",
  async (input: LimitInput, { container }) => {
    const service = container.resolve<FlashSalesModuleService>(FLASH_SALES_MODULE)
    const [existing] = (await service.listPurchaseLimits({ product_id: input.product_id })) as LimitRow[]
    const values = { max_quantity: input.max_quantity, starts_at: input.starts_at ?? null, ends_at: input.ends_at ?? null }
    if (existing) {
      const updated = await service.updatePurchaseLimits({ id: existing.id, ...values })
      return new StepResponse<LimitRow, LimitUndo>(updated as unknown as LimitRow, { previous: existing })
    }
    const created = await service.createPurchaseLimits({ product_id: input.product_id, ...values })
    return new StepResponse<LimitRow, LimitUndo>(created as unknown as LimitRow, { createdId: (created as unknown as LimitRow).id })
  },
  async (undo: LimitUndo | undefined, { container }) => {
    if (!undo) return
    const service = container.resolve<FlashSalesModuleService>(FLASH_SALES_MODULE)
    if (undo.createdId) await service.deletePurchaseLimits(undo.createdId)
    if (undo.previous) {
      const { id, max_quantity, starts_at, ends_at } = undo.previous
      await service.updatePurchaseLimits({ id, max_quantity, starts_at, ends_at })
    }
  }
)

const purchaseLimitRemoveStep = createStep(
  "purchase-limit-remove",
  async (input: { product_id: string }, { container }) => {
    const service = container.resolve<FlashSalesModuleService>(FLASH_SALES_MODULE)
    const rows = (await service.listPurchaseLimits({ product_id: input.product_id })) as LimitRow[]
    // Removing what is not there is a 404, not a quiet success.
    if (!rows.length) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Product ${input.product_id} has no purchase limit.`)
    await service.softDeletePurchaseLimits(rows.map((r) => r.id))
    return new StepResponse(rows.length, rows.map((r) => r.id))
  },
  async (ids, { container }) => {
    if (ids?.length) await container.resolve<FlashSalesModuleService>(FLASH_SALES_MODULE).restorePurchaseLimits(ids as string[])
  }
)

/** Sets (creates or replaces) the per-buyer purchase limit of a product. */
export const setPurchaseLimitWorkflow = createWorkflow("set-purchase-limit", (input: LimitInput) => {
  purchaseLimitCheckProductStep({ product_id: input.product_id })
  const limit = purchaseLimitUpsertStep(input)
  return new WorkflowResponse(limit)
})

/** Removes a product's purchase limit. */
export const removePurchaseLimitWorkflow = createWorkflow("remove-purchase-limit", (input: { product_id: string }) => {
  const removed = purchaseLimitRemoveStep(input)
  return new WorkflowResponse(removed)
})

