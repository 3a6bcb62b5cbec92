import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { inspectImage, mediaConfig, type InspectedImage } from "../../../lib/media/variants"

export type MediaFileInput = {
  filename: string
  mimeType: string
  /** The file's bytes, base64 (as Medusa's upload route passes them). */
  content: string
}

/**
 * Checks every file before anything is stored: an upload with one bad file stores none.
 * Refuses empty files, files over KEEL_MEDIA_MAX_BYTES and anything that is not a raster
 * image sharp can decode, whatever its name or declared type says.
 */
export const inspectMediaStep = createStep("inspect-media", async (files: MediaFileInput[]) => {
  const config = mediaConfig()
  const inspected: InspectedImage[] = []
  for (const file of files) {
    inspected.push(await inspectImage(file.filename, Buffer.from(file.content, "base64"), config))
  }
  return new StepResponse(inspected)
})
