import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { rollupAnalyticsStep } from "./steps/rollup-analytics"

/** Hourly, daily and monthly aggregates from the events: incremental, idempotent, folding late events in. */
export const rollupAnalyticsWorkflow = createWorkflow("rollup-analytics", (input: { now?: Date; days?: Date[] }) => {
  return new WorkflowResponse(rollupAnalyticsStep(input))
})
