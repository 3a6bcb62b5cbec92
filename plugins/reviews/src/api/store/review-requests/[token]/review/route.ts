import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { refuseTooMany } from "@keel/core"
import { TOO_MANY_REVIEWS, withinReviewBudget } from "../../../../../lib/budgets"
import { unlessAlreadyReviewed } from "../../../../../lib/conflict"
import { storeReview } from "../../../../../lib/present"
import { createReviewWorkflow } from "../../../../../workflows/create-review"
import type { StoreCreateReviewType } from "../../../../validators"
import { reviewLink } from "../route"

/**
 * POST /store/review-requests/:token/review `{ rating, title?, content, locale? }`: the
 * review, written from the invitation's link by the customer it was sent to (source
 * "request"); the same rules as any review (one per customer and product, moderation).
 */
export const POST = async (req: MedusaRequest<StoreCreateReviewType>, res: MedusaResponse) => {
  const link = await reviewLink(req)
  const body = req.validatedBody
  // The link stands for its customer: the same budgets as their reviews from the store route.
  const written = await unlessAlreadyReviewed(res, () =>
    withinReviewBudget(req, link.customer_id, () =>
      createReviewWorkflow(req.scope).run({
        input: {
          product_id: link.product_id,
          customer_id: link.customer_id,
          rating: body.rating,
          title: body.title ?? null,
          content: body.content,
          locale: body.locale ?? null,
          variant_id: body.variant_id ?? null,
          source: "request",
        },
      })
    )
  )
  if (!written) return
  if (!written.ok) return refuseTooMany(res, written.retryAfter, TOO_MANY_REVIEWS)
  const { result } = written.written!
  res.status(201).json({ review: { ...storeReview(result), status: result.status } })
}
