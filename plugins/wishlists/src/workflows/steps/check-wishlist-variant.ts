import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { readVariants, resolvePriceContext, type PriceContext } from "../../lib/readings"

export type CheckedVariant = {
  variant_id: string
  product_id: string
  /** the currency (and region) the shopper sees prices in */
  price_context: PriceContext
  /** the price there now (null: none in that currency) */
  amount: number | null
  /** availability in the list's sales channel (null: stock not managed) */
  availability: number | null
}

/**
 * The variant may go on this list: it exists (not deleted), its product is published and
 * sold in the list's sales channel. Also reads its price in the shopper's currency and its
 * availability, which the item and its alerts start from.
 */
export const checkWishlistVariantStep = createStep(
  "check-wishlist-variant",
  async (input: { variant_id: string; sales_channel_id: string; region_id?: string | null; currency_code?: string | null }, { container }) => {
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
    const price_context = await resolvePriceContext(query, input)
    const request = { variant_id: variant.id, sales_channel_id: input.sales_channel_id, price: price_context }
    const reading = (await readVariants(query, [request]))(request)
    const checked: CheckedVariant = {
      variant_id: variant.id,
      product_id: variant.product_id as string,
      price_context,
      amount: reading.amount,
      availability: reading.availability,
    }
    return new StepResponse(checked)
  }
)
