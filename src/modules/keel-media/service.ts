import { MedusaService } from "@medusajs/framework/utils"
import { MediaAsset } from "./models/media-asset"

/** Keel's product media: originals and their responsive variants (see src/workflows/media). */
class KeelMediaModuleService extends MedusaService({ MediaAsset }) {}

export default KeelMediaModuleService
