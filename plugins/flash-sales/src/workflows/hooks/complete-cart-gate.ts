import { completeCartWorkflow } from "@medusajs/medusa/core-flows"
import { StepResponse } from "@medusajs/framework/workflows-sdk"
import { FLASH_SALES_MODULE, type FlashSalesModuleService } from "../../modules/flash-sales"
import { admitCart, type GateCart } from "../../lib/gate"

// The admission gate, in Medusa's own extension point for cart completion: before an order is
// created, the cart claims its units (and its buyer's purchase-limit allowance) in one atomic
// step. A cart that cannot have them is refused here, at once, instead of queueing on the
// inventory lock behind every other checkout only to fail there. When the completion fails after
// this point, the compensation gives the claim back.
completeCartWorkflow.hooks.validate(
  async ({ cart }, { container }) => {
    const { admitted } = await admitCart(container, cart as unknown as GateCart)
    return new StepResponse(undefined, admitted ? (cart as { id: string }).id : undefined)
  },
  async (cartId, { container }) => {
    if (!cartId) return
    await (await container.resolve<FlashSalesModuleService>(FLASH_SALES_MODULE).claims()).release(cartId)
  }
)
