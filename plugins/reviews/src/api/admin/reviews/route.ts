import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { adminReview, storeSummary } from "../../../lib/present"
import { REVIEWS_MODULE } from "../../../modules/reviews"
import type ReviewsModuleService from "../../../modules/reviews/service"
import { ordering, type AdminListReviewsType } from "../../validators"

/**
 * GET /admin/reviews: the moderation queue, filtered by status, rating, product and date,
 * with each review's product; with `product_id`, also that product's summary.
 */
export const GET = async (req: AuthenticatedMedusaRequest<unknown, AdminListReviewsType>, res: MedusaResponse) => {
  const q = req.validatedQuery as AdminListReviewsType
  const filters: Record<string, unknown> = {}
  if (q.status) filters.status = q.status
  if (q.rating) filters.rating = q.rating
  if (q.product_id) filters.product_id = q.product_id
  if (q.created_after || q.created_before) {
    filters.created_at = { ...(q.created_after ? { $gte: q.created_after } : {}), ...(q.created_before ? { $lte: q.created_before } : {}) }
  }
  const service = req.scope.resolve<ReviewsModuleService>(REVIEWS_MODULE)
  const [reviews, count] = await service.listAndCountReviews(filters, {
    take: q.limit,
    skip: q.offset,
    order: ordering(q.order),
    relations: ["media", "replies"],
  })
  const productIds = [...new Set(reviews.map((r) => r.product_id))]
  const { data: products } = productIds.length
    ? await req.scope.resolve(ContainerRegistrationKeys.QUERY).graph({ entity: "product", fields: ["id", "title", "thumbnail"], filters: { id: productIds } })
    : { data: [] as { id: string; title: string; thumbnail: string | null }[] }
  const byId = new Map(products.map((p) => [p.id, p]))
  res.json({
    reviews: reviews.map((r) => adminReview(r, byId.get(r.product_id))),
    count,
    limit: q.limit,
    offset: q.offset,
    ...(q.product_id ? { summary: storeSummary(await service.getSummary(q.product_id)) } : {}),
  })
}
