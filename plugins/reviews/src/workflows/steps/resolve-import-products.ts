import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { unknownProductMessage, withoutDuplicates, type ImportError, type ImportRow, type PreparedImport } from "../../lib/import"
import { REVIEWS_MODULE } from "../../modules/reviews"
import type ReviewsModuleService from "../../modules/reviews/service"

export type ResolvedImportRow = ImportRow & { product_id: string; variant_id: string | null }

export type ResolvedImport = {
  /** Rows to write: their product found, not imported before. */
  rows: ResolvedImportRow[]
  /** Rows already imported (stored, or earlier in the same file). */
  skipped: number
  /** The file's row errors and the rows naming no existing product, in row order. */
  errors: ImportError[]
}

// Keeps each `IN (...)` list of a lookup a reasonable size.
const LOOKUP_CHUNK = 1000

function chunks<T>(items: T[], size = LOOKUP_CHUNK): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) {
    out.push(items.slice(i, i + size))
  }
  return out
}

const valuesBy = (rows: ImportRow[], by: ImportRow["product"]["by"]) => [...new Set(rows.filter((r) => r.product.by === by).map((r) => r.product.value))]

/**
 * Finds the product each checked import row names (by product id, handle, or a variant's
 * SKU, which also sets the review's variant), reports the rows naming none, and drops the
 * rows whose external id is already stored, so importing a file twice adds nothing. Reads only.
 */
export const resolveImportProductsStep = createStep("resolve-import-products", async (input: PreparedImport, { container }) => {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const service = container.resolve<ReviewsModuleService>(REVIEWS_MODULE)

  const targets = new Map<string, { product_id: string; variant_id: string | null }>()
  for (const ids of chunks(valuesBy(input.rows, "id"))) {
    const { data } = await query.graph({ entity: "product", fields: ["id"], filters: { id: ids } })
    data.forEach((p) => targets.set(`id:${p.id}`, { product_id: p.id, variant_id: null }))
  }
  for (const handles of chunks(valuesBy(input.rows, "handle"))) {
    const { data } = await query.graph({ entity: "product", fields: ["id", "handle"], filters: { handle: handles } })
    data.forEach((p) => targets.set(`handle:${p.handle}`, { product_id: p.id, variant_id: null }))
  }
  for (const skus of chunks(valuesBy(input.rows, "sku"))) {
    const { data } = await query.graph({ entity: "product_variant", fields: ["id", "sku", "product_id"], filters: { sku: skus } })
    data.forEach((v) => {
      if (v.sku && v.product_id) {
        targets.set(`sku:${v.sku}`, { product_id: v.product_id, variant_id: v.id })
      }
    })
  }

  const errors = [...input.errors]
  const found: ResolvedImportRow[] = []
  for (const row of input.rows) {
    const target = targets.get(`${row.product.by}:${row.product.value}`)
    if (target) {
      found.push({ ...row, ...target })
    } else {
      errors.push({ row: row.row, message: unknownProductMessage(row.product) })
    }
  }
  errors.sort((a, b) => a.row - b.row)

  const existing: string[] = []
  for (const externalIds of chunks([...new Set(found.map((r) => r.external_id))])) {
    const reviews = await service.listReviews({ external_id: externalIds }, { select: ["external_id"] })
    reviews.forEach((r) => r.external_id && existing.push(r.external_id))
  }
  const { fresh, skipped } = withoutDuplicates(found, existing)
  return new StepResponse<ResolvedImport>({ rows: fresh, skipped, errors })
})
