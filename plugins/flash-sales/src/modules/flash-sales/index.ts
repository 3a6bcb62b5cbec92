import { Module } from "@medusajs/framework/utils"
import FlashSalesModuleService from "./service"

export const FLASH_SALES_MODULE = "keelFlashSales"

export default Module(FLASH_SALES_MODULE, {
  service: FlashSalesModuleService,
})

export { FlashSalesModuleService }
