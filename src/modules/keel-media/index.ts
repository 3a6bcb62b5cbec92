import { Module } from "@medusajs/framework/utils"
import KeelMediaModuleService from "./service"

export const KEEL_MEDIA_MODULE = "keelMedia"

export default Module(KEEL_MEDIA_MODULE, {
  service: KeelMediaModuleService,
})
