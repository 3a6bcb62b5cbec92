import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { CapturedEvent } from "../../lib/events"
import { ANALYTICS_MODULE } from "../../modules/analytics"
import type AnalyticsModuleService from "../../modules/analytics/service"

/** Appends the events (those already captured, by dedupe key, are skipped); undone by removing them. */
export const appendAnalyticsEventsStep = createStep(
  "append-analytics-events",
  async (events: CapturedEvent[], { container }) => {
    const { ids, stored } = await container.resolve<AnalyticsModuleService>(ANALYTICS_MODULE).appendEvents(events)
    return new StepResponse({ stored: stored.map((i) => events[i]) }, ids)
  },
  async (ids, { container }) => {
    if (ids?.length) await container.resolve<AnalyticsModuleService>(ANALYTICS_MODULE).removeEvents(ids)
  }
)
