import type { AuthenticatedMedusaRequest, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { storeReview, storeSummary } from "../../../../../lib/present"
import { REVIEWS_MODULE } from "../../../../../modules/reviews"
import type ReviewsModuleService from "../../../../../modules/reviews/service"
import { unlessAlreadyReviewed } from "../../../../../lib/conflict"
import { createReviewWorkflow } from "../../../../../workflows/create-review"
import { ordering, type StoreCreateReviewType, type StoreListReviewsType } from "../../../../validators"

/** The product, if the storefront's publishable key may show it. */
export async function visibleProduct(req: MedusaRequest, fields: string[] = ["id"]) {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const channels = (req as MedusaRequest & { publishable_key_context?: { sales_channel_ids?: string[] } }).publishable_key_context?.sales_channel_ids ?? []
  const { data } = await query.graph({
    entity: "product",
    fields: [...fields, "status", "sales_channels.id"],
    filters: { id: req.params.id },
  })
  const product = data[0] as (Record<string, unknown> & { status?: string; sales_channels?: { id: string }[] }) | undefined
  const inChannel = !channels.length || (product?.sales_channels ?? []).some((c) => channels.includes(c?.id))
  if (!product || product.status !== "published" || !inChannel) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Product with id: ${req.params.id} was not found`)
  }
  return product
}

/** GET /store/products/:id/reviews: approved reviews, newest first unless `order` says otherwise, with the summary. */
export const GET = async (req: MedusaRequest<unknown, StoreListReviewsType>, res: MedusaResponse) => {
  await visibleProduct(req)
  const service = req.scope.resolve<ReviewsModuleService>(REVIEWS_MODULE)
  const { limit, offset, order, rating } = req.validatedQuery as StoreListReviewsType
  const [reviews, count] = await service.listAndCountReviews(
    { product_id: req.params.id, status: "approved", ...(rating ? { rating } : {}) },
    { take: limit, skip: offset, order: ordering(order), relations: ["media", "replies"] }
  )
  const summary = await service.getSummary(req.params.id)
  res.json({ reviews: reviews.map(storeReview), count, limit, offset, summary: storeSummary(summary) })
}

/** POST /store/products/:id/reviews: the logged-in customer reviews the product (once). */
export const POST = async (req: AuthenticatedMedusaRequest<StoreCreateReviewType>, res: MedusaResponse) => {
  await visibleProduct(req)
  const body = req.validatedBody
  const written = await unlessAlreadyReviewed(res, () =>
    createReviewWorkflow(req.scope).run({
      input: {
        product_id: req.params.id,
        customer_id: req.auth_context.actor_id,
        rating: body.rating,
        title: body.title ?? null,
        content: body.content,
        variant_id: body.variant_id ?? null,
        locale: body.locale ?? null,
        media: body.media?.map((m) => ({ file_id: m.file_id })),
      },
    })
  )
  if (!written) return
  const { result } = written
  res.status(201).json({ review: { ...storeReview(result), status: result.status } })
}
