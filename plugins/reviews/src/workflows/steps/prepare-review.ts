import type { IFileModuleService } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { moderate } from "../../lib/moderation"
import type { ReviewInput, ReviewSource } from "../../lib/types"
import { REVIEWS_MODULE } from "../../modules/reviews"
import type ReviewsModuleService from "../../modules/reviews/service"

export type PrepareReviewInput = {
  product_id: string
  customer_id: string
  rating: number
  title?: string | null
  content: string
  variant_id?: string | null
  locale?: string | null
  source?: ReviewSource
  /** Photos uploaded through the File Module (POST /store/reviews/media). */
  media?: { file_id: string }[]
}

/**
 * Everything a new review needs decided before it is written: the product (published) and
 * variant exist, the customer has not reviewed it yet, whether it is a verified purchase (a
 * non-canceled order of theirs containing the product), the name shown, and moderation.
 */
export const prepareReviewStep = createStep("prepare-review", async (input: PrepareReviewInput, { container }) => {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const service = container.resolve<ReviewsModuleService>(REVIEWS_MODULE)

  // Checks before the review exists: nothing to follow the review's links from yet.
  const { data: products } = await query.graph({
    entity: "product",
    fields: ["id", "status", "variants.id"],
    filters: { id: input.product_id },
  })
  const product = products[0]
  if (!product || product.status !== "published") {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Product with id: ${input.product_id} was not found`)
  }
  if (input.variant_id && !(product.variants ?? []).some((v) => v?.id === input.variant_id)) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `Variant ${input.variant_id} is not a variant of this product`)
  }
  const [existing] = await service.listReviews({ product_id: input.product_id, customer_id: input.customer_id }, { take: 1, select: ["id"] })
  if (existing) {
    throw new MedusaError(MedusaError.Types.CONFLICT, "You have already reviewed this product: edit your review instead.")
  }

  const { data: customers } = await query.graph({ entity: "customer", fields: ["id", "first_name"], filters: { id: input.customer_id } })
  const { data: orders } = await query.graph({
    entity: "order",
    fields: ["id", "status", "created_at", "items.id", "items.product_id"],
    filters: { customer_id: input.customer_id, status: { $nin: ["canceled", "draft"] } },
  })
  let order_id: string | null = null
  let order_line_item_id: string | null = null
  for (const order of orders) {
    const item = (order.items ?? []).find((i) => i?.product_id === input.product_id)
    if (item) {
      order_id = order.id
      order_line_item_id = item.id
      break
    }
  }
  const verified_purchase = !!order_id
  const files = container.resolve<IFileModuleService>(Modules.FILE)
  const media = await Promise.all(
    (input.media ?? []).map(async ({ file_id }) => {
      const file = await files.retrieveFile(file_id).catch(() => null)
      if (!file?.url) {
        throw new MedusaError(MedusaError.Types.INVALID_DATA, `No uploaded photo with id ${file_id}: upload it with POST /store/reviews/media first`)
      }
      return { url: file.url, file_id }
    })
  )
  const { moderation } = await service.getOptions()
  const decision = moderate({ rating: input.rating, title: input.title, content: input.content, verified_purchase, locale: input.locale }, moderation)

  const review: ReviewInput & { media?: { url: string; file_id: string }[] } = {
    product_id: input.product_id,
    variant_id: input.variant_id ?? null,
    customer_id: input.customer_id,
    order_id,
    order_line_item_id,
    verified_purchase,
    rating: input.rating,
    title: input.title ?? null,
    content: input.content,
    author_name: customers[0]?.first_name ?? null,
    status: decision.status,
    moderation_reason: decision.reason,
    source: input.source ?? "storefront",
    locale: input.locale ?? null,
    media,
  }
  return new StepResponse(review)
})
