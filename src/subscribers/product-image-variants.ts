import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { attachImageVariantsWorkflow } from "../workflows/media/attach-image-variants"

/**
 * A product created or updated with images Keel uploaded gets their responsive variants in
 * the images' metadata (`metadata.variants`), where store responses expose them.
 */
export default async function productImageVariants({ event, container }: SubscriberArgs<{ id: string }>) {
  await attachImageVariantsWorkflow(container).run({ input: { product_ids: [event.data.id] } })
}

export const config: SubscriberConfig = {
  event: ["product.created", "product.updated"],
  context: { subscriberId: "keel-product-image-variants" },
}
