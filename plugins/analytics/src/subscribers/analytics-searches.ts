import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { SEARCH_PERFORMED_EVENT, type SearchPerformedRecord } from "@keel/core"
import { recordAnalyticsEventsWorkflow } from "../workflows/record-analytics-events"

/**
 * Store searches, from the batches the search log emits (the same records Keel's search
 * module stores): "Products Searched" with the query and the number of results. The session
 * id is already the search log's hash of the storefront's id, the same hash analytics uses.
 */
export default async function analyticsSearches({ event, container }: SubscriberArgs<{ records?: SearchPerformedRecord[] }>) {
  const records = event.data.records ?? []
  if (!records.length) return
  await recordAnalyticsEventsWorkflow(container).run({
    input: records.map((r) => ({
      name: "Products Searched" as const,
      session_id: r.session_id ?? null,
      source: "server" as const,
      properties: { query: r.query, results: r.hit_count, index: r.index_name, corrected_query: r.corrected_query ?? null, locale: r.locale ?? null },
    })),
  })
}

export const config: SubscriberConfig = { event: SEARCH_PERFORMED_EVENT, context: { subscriberId: "keel-analytics-searches" } }
