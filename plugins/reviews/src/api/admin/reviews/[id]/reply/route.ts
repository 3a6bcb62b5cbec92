import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { replyToReviewWorkflow } from "../../../../../workflows/reply-to-review"
import type { AdminReplyToReviewType } from "../../../../validators"

/** POST /admin/reviews/:id/reply `{ content }`: the merchant's public answer (replaces an earlier one). */
export const POST = async (req: AuthenticatedMedusaRequest<AdminReplyToReviewType>, res: MedusaResponse) => {
  const { result } = await replyToReviewWorkflow(req.scope).run({
    input: { review_id: req.params.id, content: req.validatedBody.content, author_id: req.auth_context.actor_id },
  })
  res.json({ reply: result })
}

/** DELETE /admin/reviews/:id/reply */
export const DELETE = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  await replyToReviewWorkflow(req.scope).run({ input: { review_id: req.params.id, content: null, author_id: req.auth_context.actor_id } })
  res.json({ id: req.params.id, object: "review_reply", deleted: true })
}
