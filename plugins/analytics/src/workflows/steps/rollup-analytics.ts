import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ANALYTICS_MODULE } from "../../modules/analytics"
import type AnalyticsModuleService from "../../modules/analytics/service"

/**
 * Rolls up the events that arrived since the last run (or recomputes the given days). No
 * compensation: each run recomputes whole days from the events in one transaction, so a
 * failed run leaves the previous numbers and the next run redoes the work.
 */
export const rollupAnalyticsStep = createStep("rollup-analytics", async (input: { now?: Date; days?: Date[] }, { container }) => {
  const service = container.resolve<AnalyticsModuleService>(ANALYTICS_MODULE)
  if (input.days) {
    await service.recomputeDays(input.days.map((d) => new Date(d)))
    return new StepResponse({ days: input.days.map((d) => new Date(d).toISOString()), watermark: null as Date | null })
  }
  return new StepResponse(await service.rollupSinceWatermark(input.now ? new Date(input.now) : new Date()))
})
