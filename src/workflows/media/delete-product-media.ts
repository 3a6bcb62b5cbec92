import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { checkMediaExistsStep } from "./steps/check-media-exists"
import { deleteMediaAssetsStep, deleteMediaFilesStep } from "./steps/delete-media"

/** Deletes uploaded files (404 for one that does not exist), and with each product image Keel made, all of its variants. */
export const deleteProductMediaWorkflow = createWorkflow("delete-product-media", (input: { ids: string[] }) => {
  const existing = checkMediaExistsStep(input.ids)
  const fileIds = deleteMediaAssetsStep(existing)
  return new WorkflowResponse(deleteMediaFilesStep(fileIds))
})
