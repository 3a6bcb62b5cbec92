import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { importReviewsWorkflow } from "../../../../workflows/import-reviews"
import type { AdminImportReviewsType } from "../../../validators"

/**
 * POST /admin/reviews/import `{ format: "json" | "csv", mapping: "keel" | "dummyjson", data, status? }`:
 * imports reviews from a file; answers `{ imported, skipped, errors: [{ row, message }] }`.
 * A file unusable as a whole (bad JSON or CSV, more than 10,000 rows) is a 400 and stores nothing.
 */
export const POST = async (req: AuthenticatedMedusaRequest<AdminImportReviewsType>, res: MedusaResponse) => {
  const { result } = await importReviewsWorkflow(req.scope).run({ input: req.validatedBody })
  res.json(result)
}
