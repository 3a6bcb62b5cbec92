import type { MedusaContainer } from "@medusajs/framework/types"
import { sampleDatabaseLoadWorkflow } from "../workflows/sample-database-load"

/** Every minute: one sample of the database's load (transactions/s, connections, block reads and hits). */
export default async function analyticsDbSample(container: MedusaContainer) {
  await sampleDatabaseLoadWorkflow(container).run({ input: {} })
}

export const config = { name: "keel-analytics-db-sample", schedule: "* * * * *" }
