import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { KEEL_MEDIA_MODULE } from "../../../modules/keel-media"
import type KeelMediaModuleService from "../../../modules/keel-media/service"
import type { StoredMedia } from "./store-media"

/** Records each stored original with its variants, so they can be found by URL and deleted together. */
export const createMediaAssetsStep = createStep(
  "create-media-assets",
  async (stored: StoredMedia[], { container }) => {
    const media = container.resolve<KeelMediaModuleService>(KEEL_MEDIA_MODULE)
    const assets = await media.createMediaAssets(
      stored.map((s) => ({
        file_id: s.file_id,
        url: s.url,
        hash: s.image.hash,
        width: s.image.width,
        height: s.image.height,
        mime_type: s.image.mime_type,
        size: s.image.size,
        variants: s.variants as unknown as Record<string, unknown>,
      }))
    )
    return new StepResponse(assets, assets.map((a) => a.id))
  },
  async (ids, { container }) => {
    if (ids?.length) {
      await container.resolve<KeelMediaModuleService>(KEEL_MEDIA_MODULE).deleteMediaAssets(ids)
    }
  }
)
