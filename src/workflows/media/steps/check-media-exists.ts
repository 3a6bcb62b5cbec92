import type { Readable } from "stream"
import type { IFileModuleService } from "@medusajs/framework/types"
import { MedusaError, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { KEEL_MEDIA_MODULE } from "../../../modules/keel-media"
import type KeelMediaModuleService from "../../../modules/keel-media/service"

const MISSING = new Set(["ENOENT", "ENAMETOOLONG", "ENOTDIR", "NoSuchKey", "NotFound"])
const isMissing = (error: unknown) => {
  const e = error as { code?: string; name?: string; type?: string; $metadata?: { httpStatusCode?: number } }
  return MISSING.has(e?.code ?? "") || MISSING.has(e?.name ?? "") || e?.type === MedusaError.Types.NOT_FOUND || e?.$metadata?.httpStatusCode === 404
}

/** Whether the File Module's provider holds a file under this id: its download stream opens (local disk or S3). */
async function fileExists(files: IFileModuleService, id: string): Promise<boolean> {
  let stream: Readable
  try {
    stream = await files.getDownloadStream(id)
  } catch (error) {
    if (isMissing(error)) return false
    throw error
  }
  return new Promise<boolean>((resolve, reject) => {
    stream.once("error", (error) => (isMissing(error) ? resolve(false) : reject(error)))
    stream.once("readable", () => resolve(true))
    stream.once("end", () => resolve(true))
  }).finally(() => stream.destroy())
}

/**
 * Each file to delete must exist, as a Keel media record or in storage: deleting what is not
 * there is a 404 (Medusa's own route answers `deleted: true` for any id). Writes nothing.
 */
export const checkMediaExistsStep = createStep("check-media-exists", async (fileIds: string[], { container }) => {
  const media = container.resolve<KeelMediaModuleService>(KEEL_MEDIA_MODULE)
  const files = container.resolve<IFileModuleService>(Modules.FILE)
  const recorded = new Set((await media.listMediaAssets({ file_id: fileIds })).map((asset) => asset.file_id))
  for (const id of fileIds) {
    if (!recorded.has(id) && !(await fileExists(files, id))) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `File with id: ${id} was not found`)
    }
  }
  return new StepResponse(fileIds)
})
