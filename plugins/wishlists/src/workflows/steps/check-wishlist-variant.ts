import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"

/**
 * The variant may go on this list: it exists (not deleted), its product is published and
 * sold in the list's sales channel. Its price in the currency given is kept with the item.
 */
export const checkWishlistVariantStep = createStep(
  "check-wishlist-variant",
  async (input: { variant_id: string; sales_channel_id: string }, { container }) => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data } = await query.graph({
      entity: "product_variant",
      fields: ["id", "product_id", "product.status", "product.sales_channels.id"],
      filters: { id: input.variant_id },
    })
    const variant = data[0]
    if (!variant || variant.product?.status !== "published") {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `Variant ${input.variant_id} does not exist or is not for sale`)
    }
    if (!(variant.product?.sales_channels ?? []).some((c) => c?.id === input.sales_channel_id)) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `Variant ${input.variant_id} is not sold in this store`)
    }
    return new StepResponse({ variant_id: variant.id, product_id: variant.product_id as string })
  }
)
