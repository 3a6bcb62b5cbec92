import { Module } from "@medusajs/framework/utils"
import KeelSearchModuleService from "./service"

export const KEEL_SEARCH_MODULE = "keelSearch"

export default Module(KEEL_SEARCH_MODULE, {
  service: KeelSearchModuleService,
})

export { KeelSearchModuleService }
