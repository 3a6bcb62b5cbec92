import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { adminReview, storeSummary, type ReviewRow } from "../../../lib/present"
import { REVIEW_FIELDS } from "../../../lib/review-fields"
import { REVIEWS_MODULE } from "../../../modules/reviews"
import type ReviewsModuleService from "../../../modules/reviews/service"
import { ordering, type AdminListReviewsType } from "../../validators"

type ReviewWithProduct = ReviewRow & { product?: { id: string; title: string | null; thumbnail: string | null } | null }

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
  // One query: the reviews and each one's product through the read-only review-product link.
  const { data: reviews, metadata } = await req.scope.resolve(ContainerRegistrationKeys.QUERY).graph({
    entity: "keel_review",
    fields: [...REVIEW_FIELDS, "product.id", "product.title", "product.thumbnail"],
    filters,
    pagination: { take: q.limit, skip: q.offset, order: ordering(q.order) },
  })
  const count = metadata?.count ?? reviews.length
  const service = req.scope.resolve<ReviewsModuleService>(REVIEWS_MODULE)
  res.json({
    reviews: (reviews as ReviewWithProduct[]).map((r) => adminReview(r, r.product ?? undefined)),
    count,
    limit: q.limit,
    offset: q.offset,
    ...(q.product_id ? { summary: storeSummary(await service.getSummary(q.product_id)) } : {}),
  })
}
