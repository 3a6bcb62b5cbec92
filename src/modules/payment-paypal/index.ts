import { ModuleProvider, Modules } from "@medusajs/framework/utils"
import KeelPayPalProviderService from "./service"

/** PayPal on its official server SDK (see service.ts). Provider id: pp_paypal_paypal. */
export default ModuleProvider(Modules.PAYMENT, {
  services: [KeelPayPalProviderService],
})
