import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { deleteMediaAssetsStep, deleteMediaFilesStep } from "./steps/delete-media"

/** Deletes uploaded files, and with each product image Keel made, all of its variants. */
export const deleteProductMediaWorkflow = createWorkflow("delete-product-media", (input: { ids: string[] }) => {
  const fileIds = deleteMediaAssetsStep(input.ids)
  return new WorkflowResponse(deleteMediaFilesStep(fileIds))
})
