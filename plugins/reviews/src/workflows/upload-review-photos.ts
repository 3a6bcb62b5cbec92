import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { uploadFilesWorkflow } from "@medusajs/medusa/core-flows"
import { prepareReviewPhotosStep, type ReviewPhotoUpload } from "./steps/prepare-review-photos"

/**
 * A shopper's review photos: each decoded and written again (no script, no metadata), then stored
 * through the File Module, public. Medusa's upload workflow deletes what it stored if a later one fails.
 */
export const uploadReviewPhotosWorkflow = createWorkflow("upload-review-photos", (input: { photos: ReviewPhotoUpload[] }) => {
  const prepared = prepareReviewPhotosStep(input.photos)
  const files = transform({ prepared }, ({ prepared }) => ({ files: prepared.map((file) => ({ ...file, access: "public" as const })) }))
  const stored = uploadFilesWorkflow.runAsStep({ input: files })
  return new WorkflowResponse(transform({ stored }, ({ stored }) => stored.map((file) => ({ id: file.id, url: file.url }))))
})
