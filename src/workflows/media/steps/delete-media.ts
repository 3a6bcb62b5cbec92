import type { IFileModuleService } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { KEEL_MEDIA_MODULE } from "../../../modules/keel-media"
import type KeelMediaModuleService from "../../../modules/keel-media/service"
import type { StoredVariant } from "./store-media"

/**
 * Soft-deletes the media records of these files and returns every file to delete: each
 * original and all its variants (a file Keel has no record of is deleted alone, as before).
 * Undone by restoring the records.
 */
export const deleteMediaAssetsStep = createStep(
  "delete-media-assets",
  async (fileIds: string[], { container }) => {
    const media = container.resolve<KeelMediaModuleService>(KEEL_MEDIA_MODULE)
    const assets = await media.listMediaAssets({ file_id: fileIds })
    if (assets.length) {
      await media.softDeleteMediaAssets(assets.map((a) => a.id))
    }
    const variantIds = assets.flatMap((a) => (a.variants as unknown as StoredVariant[]).map((v) => v.file_id))
    return new StepResponse([...new Set([...fileIds, ...variantIds])], assets.map((a) => a.id))
  },
  async (ids, { container }) => {
    if (ids?.length) {
      await container.resolve<KeelMediaModuleService>(KEEL_MEDIA_MODULE).restoreMediaAssets(ids)
    }
  }
)

/** Deletes the files from storage: the last step, since a deleted object cannot be put back. */
export const deleteMediaFilesStep = createStep("delete-media-files", async (fileIds: string[], { container }) => {
  if (fileIds.length) {
    await container.resolve<IFileModuleService>(Modules.FILE).deleteFiles(fileIds)
  }
  return new StepResponse(fileIds)
})
