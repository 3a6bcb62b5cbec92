import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { createMediaAssetsStep } from "./steps/create-media-assets"
import { inspectMediaStep, type MediaFileInput } from "./steps/inspect-media"
import { setImageVariantsStep } from "./steps/set-image-variants"
import { storeMediaStep, type ExistingOriginal } from "./steps/store-media"

/**
 * A product image upload: every file checked first, then the original and its WebP/AVIF
 * variants stored through the File Module and recorded. Answers like Medusa's upload
 * workflow ({ id, url } per file) with the variants added.
 */
export const uploadProductMediaWorkflow = createWorkflow("upload-product-media", (input: { files: MediaFileInput[] }) => {
  const inspected = inspectMediaStep(input.files)
  const stored = storeMediaStep({ files: input.files, inspected })
  createMediaAssetsStep(stored)
  const files = transform({ stored }, ({ stored }) =>
    stored.map((s) => ({
      id: s.file_id,
      url: s.url,
      width: s.image.width,
      height: s.image.height,
      variants: s.variants.map(({ url, width, height, format, mime_type, size }) => ({ url, width, height, format, mime_type, size })),
    }))
  )
  return new WorkflowResponse(files)
})

/**
 * Variants for images that are already stored (src/scripts/generate-image-variants.ts):
 * the originals stay where they are; their variants are stored and recorded, then written
 * into the images' metadata of the given products.
 */
export const addImageVariantsWorkflow = createWorkflow(
  "add-image-variants",
  (input: { files: MediaFileInput[]; originals: ExistingOriginal[]; product_ids: string[] }) => {
    const inspected = inspectMediaStep(input.files)
    const stored = storeMediaStep({ files: input.files, inspected, originals: input.originals })
    createMediaAssetsStep(stored)
    return new WorkflowResponse(setImageVariantsStep(input.product_ids))
  }
)
