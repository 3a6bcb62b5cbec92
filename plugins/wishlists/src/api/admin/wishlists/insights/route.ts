import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { wishlistInsights } from "../../../../lib/insights"
import type { AdminWishlistInsightsResponse } from "../../responses"
import type { AdminWishlistInsightsType } from "../../validators"

type ProductRow = { id: string; title: string | null; thumbnail: string | null }
type VariantRow = { id: string; title: string | null; sku: string | null; product_id: string | null }

/**
 * GET /admin/wishlists/insights: how many lists and items there are, the alerts asked for and
 * the products and variants added most often in the period, with their titles.
 */
export const GET = async (req: AuthenticatedMedusaRequest<unknown, AdminWishlistInsightsType>, res: MedusaResponse) => {
  const { from, to, limit } = req.validatedQuery as AdminWishlistInsightsType
  const insights = await wishlistInsights(req.scope.resolve(ContainerRegistrationKeys.PG_CONNECTION), { from, to, limit })

  // The top products and variants are SQL aggregates (grouped counts), not item rows, so there is
  // no entity to follow the item links from: their titles are read by id, one query each.
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const productIds = insights.top_products.map((row) => row.product_id)
  const variantIds = insights.top_variants.map((row) => row.variant_id)
  const [{ data: products }, { data: variants }] = await Promise.all([
    productIds.length
      ? query.graph({ entity: "product", fields: ["id", "title", "thumbnail"], filters: { id: productIds } })
      : { data: [] as ProductRow[] },
    variantIds.length
      ? query.graph({ entity: "product_variant", fields: ["id", "title", "sku", "product_id"], filters: { id: variantIds } })
      : { data: [] as VariantRow[] },
  ])
  // A product or variant deleted since it was wished for keeps its counts, without a title.
  const productById = new Map((products as ProductRow[]).map((product) => [product.id, product]))
  const variantById = new Map((variants as VariantRow[]).map((variant) => [variant.id, variant]))

  res.json({
    from: from.toISOString(),
    to: to.toISOString(),
    totals: insights.totals,
    top_products: insights.top_products.map(({ product_id, wishlists, items }) => ({
      product_id,
      title: productById.get(product_id)?.title ?? null,
      thumbnail: productById.get(product_id)?.thumbnail ?? null,
      wishlists,
      items,
    })),
    top_variants: insights.top_variants.map(({ variant_id, product_id, wishlists }) => ({
      variant_id,
      product_id,
      title: variantById.get(variant_id)?.title ?? null,
      sku: variantById.get(variant_id)?.sku ?? null,
      wishlists,
    })),
  } satisfies AdminWishlistInsightsResponse)
}
