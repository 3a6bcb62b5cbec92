import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"

/** The cart can take the item: it exists, is not completed, and is not another customer's. */
export const checkCartForWishlistStep = createStep(
  "check-cart-for-wishlist",
  async (input: { cart_id: string; customer_id?: string | null }, { container }) => {
    const { data } = await container.resolve(ContainerRegistrationKeys.QUERY).graph({
      entity: "cart",
      fields: ["id", "customer_id", "completed_at"],
      filters: { id: input.cart_id },
    })
    const cart = data[0]
    if (!cart || cart.completed_at || (cart.customer_id && cart.customer_id !== input.customer_id)) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Cart with id: ${input.cart_id} was not found`)
    }
    return new StepResponse(cart.id)
  }
)
