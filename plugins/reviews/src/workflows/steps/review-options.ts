import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { REVIEWS_MODULE } from "../../modules/reviews"
import type ReviewsModuleService from "../../modules/reviews/service"

/** The plugin's resolved options (moderation rules, Bayesian prior). */
export const reviewOptionsStep = createStep("review-options", async (_: void, { container }) => {
  return new StepResponse(await container.resolve<ReviewsModuleService>(REVIEWS_MODULE).getOptions())
})
