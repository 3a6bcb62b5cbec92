import { emitEventStep } from "@medusajs/medusa/core-flows"
import { REVIEWS_CHANGED_EVENT } from "../lib/events"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { checkReviewAccessStep } from "./steps/check-review-access"
import { setReviewVoteStep, type SetReviewVoteInput } from "./steps/set-review-vote"

/** A customer (not the author) says whether an approved review helped; a new vote replaces theirs. */
export const voteOnReviewWorkflow = createWorkflow("vote-on-review", (input: SetReviewVoteInput) => {
  const reviews = checkReviewAccessStep(transform({ input }, ({ input }) => ({ ids: [input.review_id], customer_id: input.customer_id, as: "voter" as const })))
  const vote = setReviewVoteStep(input)
  emitEventStep({ eventName: REVIEWS_CHANGED_EVENT, data: transform({ reviews }, ({ reviews }) => ({ product_ids: [reviews[0].product_id] })) })
  return new WorkflowResponse(vote)
})
