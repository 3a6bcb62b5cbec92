import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { setImageVariantsStep } from "./steps/set-image-variants"

/** Puts the variants of each product's images into the images' metadata (see set-image-variants). */
export const attachImageVariantsWorkflow = createWorkflow("attach-image-variants", (input: { product_ids: string[] }) => {
  return new WorkflowResponse(setImageVariantsStep(input.product_ids))
})
