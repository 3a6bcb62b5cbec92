import { ModuleProvider, Modules } from "@medusajs/framework/utils"
import { KeelPostgresSearchService } from "./service"

export default ModuleProvider(Modules.SEARCH, {
  services: [KeelPostgresSearchService],
})
