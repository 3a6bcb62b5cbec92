import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { applePayDomainAssociation } from "../../../lib/payments/apple-pay"

/**
 * GET /.well-known/apple-developer-merchantid-domain-association: the file Stripe gives
 * for Apple Pay (APPLE_PAY_DOMAIN_ASSOCIATION_FILE), which Apple reads before Apple Pay
 * shows in the Payment Element. 404 when none is configured.
 */
export const GET = async (_req: MedusaRequest, res: MedusaResponse) => {
  const body = applePayDomainAssociation()
  if (!body) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, "No Apple Pay domain association file is configured")
  }
  res.setHeader("content-type", "text/plain")
  res.setHeader("cache-control", "public, max-age=3600")
  res.status(200).send(body)
}
