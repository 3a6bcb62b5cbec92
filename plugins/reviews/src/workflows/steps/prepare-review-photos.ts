import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { prepareReviewPhoto, type ReviewPhotoFile } from "../../lib/images"

export type ReviewPhotoUpload = { name: string; content: string }

/** Decodes and re-writes every photo before any is stored (lib/images.ts): one bad file stores none. Writes nothing. */
export const prepareReviewPhotosStep = createStep("prepare-review-photos", async (photos: ReviewPhotoUpload[]) => {
  const prepared: ReviewPhotoFile[] = []
  for (const photo of photos) {
    prepared.push(await prepareReviewPhoto(photo.name, Buffer.from(photo.content, "base64")))
  }
  return new StepResponse(prepared)
})
