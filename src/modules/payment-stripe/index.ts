import { ModuleProvider, Modules } from "@medusajs/framework/utils"
import KeelStripeProviderService from "./service"

/** Stripe, as Medusa's payment-stripe with Keel's changes (see service.ts). Provider id: pp_stripe_stripe. */
export default ModuleProvider(Modules.PAYMENT, {
  services: [KeelStripeProviderService],
})
