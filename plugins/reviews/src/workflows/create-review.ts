import { emitEventStep } from "@medusajs/medusa/core-flows"
import { REVIEW_CREATED_EVENT, REVIEWS_CHANGED_EVENT } from "../lib/events"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { createReviewsStep } from "./steps/create-reviews"
import { prepareReviewStep, type PrepareReviewInput } from "./steps/prepare-review"

/** A customer reviews a product: checked, moderated, written with its photos, summary updated. */
export const createReviewWorkflow = createWorkflow("create-review", (input: PrepareReviewInput) => {
  const review = prepareReviewStep(input)
  const reviews = transform({ review }, ({ review }) => ({ reviews: [review] }))
  const created = createReviewsStep(reviews)
  emitEventStep({ eventName: REVIEWS_CHANGED_EVENT, data: transform({ input }, ({ input }) => ({ product_ids: [input.product_id] })) })
  emitEventStep({
    eventName: REVIEW_CREATED_EVENT,
    data: transform({ created }, ({ created }) => ({
      id: created[0].id,
      product_id: created[0].product_id,
      customer_id: created[0].customer_id ?? null,
      rating: created[0].rating,
      verified_purchase: created[0].verified_purchase ?? false,
    })),
  }).config({ name: "emit-review-created" })
  return new WorkflowResponse(transform({ created }, ({ created }) => created[0]))
})
