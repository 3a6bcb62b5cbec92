import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { setReviewStatusWorkflow } from "../../../../workflows/set-review-status"
import type { AdminSetReviewStatusType } from "../../../validators"

/** POST /admin/reviews/status `{ ids, status }`: approve or reject reviews in bulk. */
export const POST = async (req: AuthenticatedMedusaRequest<AdminSetReviewStatusType>, res: MedusaResponse) => {
  const { result } = await setReviewStatusWorkflow(req.scope).run({ input: req.validatedBody })
  res.json({ reviews: result.map((r: { id: string; status: string }) => ({ id: r.id, status: r.status })) })
}
