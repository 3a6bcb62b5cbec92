import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { productJsonLd, storeSummary } from "../../../../../../lib/present"
import { REVIEWS_MODULE } from "../../../../../../modules/reviews"
import type ReviewsModuleService from "../../../../../../modules/reviews/service"
import { visibleProduct } from "../route"

/**
 * GET /store/products/:id/reviews/summary: average, count, histogram, Bayesian average, and
 * a schema.org Product JSON-LD object with aggregateRating for the product page. Cacheable by
 * an app's catalog cache, as declared in src/cache.ts.
 */
export const GET = async (req: MedusaRequest, res: MedusaResponse) => {
  const product = (await visibleProduct(req, ["id", "title", "handle", "thumbnail", "description"])) as {
    id: string
    title: string
    handle?: string | null
    thumbnail?: string | null
    description?: string | null
  }
  const summary = await req.scope.resolve<ReviewsModuleService>(REVIEWS_MODULE).getSummary(product.id)
  res.json({ product_id: product.id, summary: storeSummary(summary), json_ld: productJsonLd(product, summary) })
}
