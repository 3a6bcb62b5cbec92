import { Module } from "@medusajs/framework/utils"
import AnalyticsModuleService from "./service"

export const ANALYTICS_MODULE = "keelAnalytics"

export default Module(ANALYTICS_MODULE, {
  service: AnalyticsModuleService,
})

export { AnalyticsModuleService }
