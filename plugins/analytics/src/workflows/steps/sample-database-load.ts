import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { takeCacheCounts } from "../../lib/cache-counter"
import { ANALYTICS_MODULE } from "../../modules/analytics"
import type AnalyticsModuleService from "../../modules/analytics/service"

/** One sample of the database's load and this process's catalog cache hits and misses. */
export const sampleDatabaseLoadStep = createStep("sample-database-load", async (input: { now?: Date }, { container }) => {
  const config = container.resolve(ContainerRegistrationKeys.CONFIG_MODULE)
  const pool = (config.projectConfig.databaseDriverOptions as { pool?: { max?: number } } | undefined)?.pool?.max ?? null
  const counts = takeCacheCounts()
  const sample = await container
    .resolve<AnalyticsModuleService>(ANALYTICS_MODULE)
    .sampleDatabase({ pool_max: pool, cache_hits: counts.hits, cache_misses: counts.misses, now: input.now ? new Date(input.now) : undefined })
  return new StepResponse(sample)
})
