import { Module } from "@medusajs/framework/utils"
import KeelPaymentsModuleService from "./service"

export const KEEL_PAYMENTS_MODULE = "keelPayments"

export default Module(KEEL_PAYMENTS_MODULE, {
  service: KeelPaymentsModuleService,
})
