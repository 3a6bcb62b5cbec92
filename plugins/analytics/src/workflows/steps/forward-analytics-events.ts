import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { CapturedEvent } from "../../lib/events"

/**
 * Hands the stored events to Medusa's Analytics Module when one is configured (PostHog with
 * POSTHOG_EVENTS_KEY): `track` with the customer, else the session, as the actor. Forwarding
 * is best effort: a provider that is down costs the forward, never the event.
 */
export const forwardAnalyticsEventsStep = createStep(
  "forward-analytics-events",
  async (input: { stored: CapturedEvent[] }, { container }) => {
    if (!input.stored.length || !container.hasRegistration(Modules.ANALYTICS)) {
      return new StepResponse({ forwarded: 0 })
    }
    const analytics = container.resolve(Modules.ANALYTICS)
    const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
    let forwarded = 0
    for (const event of input.stored) {
      const actor = event.customer_id ?? event.session_id
      if (!actor) continue
      try {
        await analytics.track({
          event: event.name,
          actor_id: actor,
          properties: { ...(event.properties ?? {}), ...(event.session_id ? { $session_id: event.session_id } : {}), source: event.source },
        })
        forwarded++
      } catch (error) {
        logger.warn(`@keel/analytics: forwarding "${event.name}" failed: ${(error as Error).message}`)
      }
    }
    return new StepResponse({ forwarded })
  }
)
