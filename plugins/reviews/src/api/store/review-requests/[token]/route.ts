import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { reviewLinkSecret, verifyReviewLink, type VerifiedReviewLink } from "../../../../lib/review-link"
import { REVIEWS_MODULE } from "../../../../modules/reviews"
import type ReviewsModuleService from "../../../../modules/reviews/service"

/** The claims of the review link in the path; 401 when it is forged or has expired. */
export async function reviewLink(req: MedusaRequest): Promise<VerifiedReviewLink> {
  const service = req.scope.resolve<ReviewsModuleService>(REVIEWS_MODULE)
  const { reviewRequests } = await service.getOptions()
  const link = await verifyReviewLink(req.params.token, reviewLinkSecret(reviewRequests.secret, (key) => req.scope.resolve(key)))
  if (link === "expired") {
    throw new MedusaError(MedusaError.Types.UNAUTHORIZED, "This review link has expired")
  }
  if (link === "invalid") {
    throw new MedusaError(MedusaError.Types.UNAUTHORIZED, "This review link is not valid")
  }
  return link
}

/**
 * GET /store/review-requests/:token: what the review form opened from an invitation shows:
 * the product, the buyer's first name, whether they have reviewed it already, and until when
 * the link works. No login needed: the signed link stands for the customer.
 */
export const GET = async (req: MedusaRequest, res: MedusaResponse) => {
  const link = await reviewLink(req)
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  // The product and buyer come from the signed link's claims: there is no review row yet whose
  // links could be followed, so they are read directly.
  const [{ data: products }, { data: customers }] = await Promise.all([
    query.graph({ entity: "product", fields: ["id", "title", "handle", "thumbnail"], filters: { id: link.product_id } }),
    query.graph({ entity: "customer", fields: ["id", "first_name"], filters: { id: link.customer_id } }),
  ])
  if (!products[0]) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, "The product of this review link no longer exists")
  }
  const [existing] = await req.scope
    .resolve<ReviewsModuleService>(REVIEWS_MODULE)
    .listReviews({ product_id: link.product_id, customer_id: link.customer_id }, { take: 1, select: ["id"] })
  res.json({
    product: products[0],
    prefill: { author_name: customers[0]?.first_name ?? null },
    already_reviewed: !!existing,
    expires_at: link.expires_at,
  })
}
