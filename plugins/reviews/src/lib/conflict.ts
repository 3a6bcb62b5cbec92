import type { MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"

/**
 * Runs a review workflow and answers its own refusal of a second review as the plugin words it:
 * `409 { type: "conflict", code: "already_reviewed", message }`. Medusa's error handler would
 * replace the message of any conflict with its generic "retry with an Idempotency-Key", which is
 * wrong advice here; the plugin does not take the app's error handler to say otherwise.
 * Returns undefined when it has answered.
 */
export async function unlessAlreadyReviewed<T>(res: MedusaResponse, run: () => Promise<T>): Promise<T | undefined> {
  try {
    return await run()
  } catch (error) {
    if (MedusaError.isMedusaError(error) && (error as MedusaError).type === MedusaError.Types.CONFLICT) {
      res.status(409).json({ type: "conflict", code: "already_reviewed", message: (error as MedusaError).message })
      return undefined
    }
    throw error
  }
}
