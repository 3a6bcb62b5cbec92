import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import type { CapturedEvent } from "../lib/events"
import { appendAnalyticsEventsStep } from "./steps/append-analytics-events"
import { forwardAnalyticsEventsStep } from "./steps/forward-analytics-events"

/** Stores captured events (each dedupe key once) and forwards the stored ones to the Analytics Module. */
export const recordAnalyticsEventsWorkflow = createWorkflow("record-analytics-events", (events: CapturedEvent[]) => {
  const appended = appendAnalyticsEventsStep(events)
  forwardAnalyticsEventsStep(appended)
  return new WorkflowResponse(appended)
})
