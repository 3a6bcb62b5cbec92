import type { IFileModuleService } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { mediaConfig, renderVariants, type InspectedImage } from "../../../lib/media/variants"
import type { MediaFileInput } from "./inspect-media"

export type StoredVariant = {
  file_id: string
  url: string
  width: number
  height: number
  format: string
  mime_type: string
  size: number
}

/** An original already stored (the backfill of existing product images): only its variants are made. */
export type ExistingOriginal = { file_id: string; url: string }

export type StoredMedia = {
  file_id: string
  url: string
  image: InspectedImage
  variants: StoredVariant[]
}

/**
 * Renders each image's variants and stores the original and the variants through the File
 * Module (local disk or S3). Keys carry the original's content hash; the provider adds a
 * unique suffix, so no key is ever rewritten. Undone by deleting every file it stored.
 */
export const storeMediaStep = createStep(
  "store-media",
  async (input: { files: MediaFileInput[]; inspected: InspectedImage[]; originals?: ExistingOriginal[] }, { container }) => {
    const files = container.resolve<IFileModuleService>(Modules.FILE)
    const { widths } = mediaConfig()
    const stored: StoredMedia[] = []
    const written: string[] = []
    try {
      for (const [i, file] of input.files.entries()) {
        const image = input.inspected[i]
        const content = Buffer.from(file.content, "base64")
        const variants = await renderVariants(content, image, widths)
        const existing = input.originals?.[i]
        const created = await files.createFiles([
          ...(existing ? [] : [{ filename: image.filename, mimeType: image.mime_type, content: file.content, access: "public" as const }]),
          ...variants.map((v) => ({
            filename: v.filename,
            mimeType: v.mime_type,
            content: v.content.toString("base64"),
            access: "public" as const,
          })),
        ])
        written.push(...created.map((f) => f.id))
        const [original, ...rest] = existing ? [{ id: existing.file_id, url: existing.url }, ...created] : created
        stored.push({
          file_id: original.id,
          url: original.url,
          image,
          variants: rest.map((f, v) => ({
            file_id: f.id,
            url: f.url,
            width: variants[v].width,
            height: variants[v].height,
            format: variants[v].format,
            mime_type: variants[v].mime_type,
            size: variants[v].size,
          })),
        })
      }
    } catch (error) {
      // What this step stored before it failed is removed here: its compensation gets no output.
      if (written.length) {
        await files.deleteFiles(written)
      }
      throw error
    }
    return new StepResponse(stored, written)
  },
  async (written, { container }) => {
    if (written?.length) {
      await container.resolve<IFileModuleService>(Modules.FILE).deleteFiles(written)
    }
  }
)
