import { ModuleProvider, Modules } from "@medusajs/framework/utils"
import { KeelPostgresSearchService } from "./service"

export default ModuleProvider(Modules.SEARCH, {
  services: [KeelPostgresSearchService],
})

// The words and typo distance the provider matches with (the search log and tests read them too).
export { KeelPostgresSearchService, searchWords, typoDistance } from "./service"
