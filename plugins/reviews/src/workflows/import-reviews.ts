import { emitEventStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { REVIEWS_CHANGED_EVENT } from "../lib/events"
import { importedReview, prepareImport, type ImportError, type ImportFormat, type ImportMapping, type ImportStatus } from "../lib/import"
import { createReviewsStep } from "./steps/create-reviews"
import { resolveImportProductsStep } from "./steps/resolve-import-products"
import { reviewOptionsStep } from "./steps/review-options"

export type ImportReviewsInput = {
  format: ImportFormat
  mapping: ImportMapping
  /** The file's text; for JSON also an already-parsed value. */
  data: unknown
  /** What rows moderation does not flag become (default "approved"). */
  status?: ImportStatus
}

export type ImportReviewsResult = { imported: number; skipped: number; errors: ImportError[] }

/**
 * Imports reviews from a JSON or CSV file (Keel's columns or DummyJSON's products file):
 * rows are checked, their products found, rows imported before skipped, and the rest written
 * unverified (moderation still flags profanity and links) in one transaction with their
 * products' summaries. A file unusable as a whole fails the workflow with INVALID_DATA.
 */
export const importReviewsWorkflow = createWorkflow("import-reviews", (input: ImportReviewsInput) => {
  const options = reviewOptionsStep()
  const prepared = transform({ input, options }, ({ input, options }) => prepareImport(input, { maxContentLength: options.maxContentLength }))
  const resolved = resolveImportProductsStep(prepared)

  const reviews = transform({ resolved, input, options }, ({ resolved, input, options }) =>
    resolved.rows.map((row) =>
      importedReview(row, { product_id: row.product_id, variant_id: row.variant_id }, { status: input.status ?? "approved", moderation: options.moderation })
    )
  )
  // createReviewsStep writes every row in one transaction: an import lands whole or not at all.
  const created = when("import-reviews-has-new-rows", { reviews }, ({ reviews }) => reviews.length > 0).then(() => {
    const created = createReviewsStep({ reviews })
    emitEventStep({
      eventName: REVIEWS_CHANGED_EVENT,
      data: transform({ created }, ({ created }) => ({ product_ids: [...new Set(created.map((r) => r.product_id))] })),
    })
    return created
  })

  return new WorkflowResponse(
    transform({ resolved, created }, ({ resolved, created }): ImportReviewsResult => ({
      imported: created?.length ?? 0,
      skipped: resolved.skipped,
      errors: resolved.errors,
    }))
  )
})
