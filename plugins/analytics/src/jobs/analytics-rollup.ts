import type { MedusaContainer } from "@medusajs/framework/types"
import { rollupAnalyticsWorkflow } from "../workflows/rollup-analytics"

/** Every 5 minutes: fold the events that arrived since the last run into the hourly, daily and monthly aggregates. */
export default async function analyticsRollup(container: MedusaContainer) {
  await rollupAnalyticsWorkflow(container).run({ input: {} })
}

export const config = { name: "keel-analytics-rollup", schedule: "*/5 * * * *" }
