import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { AlertReading } from "../../lib/alert-rules"
import { WISHLISTS_MODULE } from "../../modules/wishlists"
import type WishlistsModuleService from "../../modules/wishlists/service"

/**
 * Stores what the check saw and says which alerts fire (each change once, even when two checks
 * see it at once). Undone by putting the alerts back as they were, so a change whose
 * notifications could not be sent is announced by the next check.
 */
export const applyWishlistAlertsStep = createStep(
  "apply-wishlist-alerts",
  async (input: { readings: { alert_id: string; reading: AlertReading }[] }, { container }) => {
    const service = container.resolve<WishlistsModuleService>(WISHLISTS_MODULE)
    const { fired, before } = await service.applyAlertReadings(input.readings)
    return new StepResponse(fired, before)
  },
  async (before, { container }) => {
    if (!before?.length) return
    await container.resolve<WishlistsModuleService>(WISHLISTS_MODULE).restoreAlertSnapshots(before)
  }
)
