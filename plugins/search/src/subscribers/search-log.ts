import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { SEARCH_PERFORMED_EVENT } from "../lib/search-log"
import { recordSearchQueriesWorkflow } from "../workflows/record-search-queries"
import type { SearchQueryRecord } from "../workflows/steps/record-search-queries"

/** Stores the searches the store API answered (see src/lib/search-log.ts). */
export default async function searchLog({ event, container }: SubscriberArgs<{ records: SearchQueryRecord[] }>) {
  await recordSearchQueriesWorkflow(container).run({ input: event.data.records })
}

export const config: SubscriberConfig = {
  event: SEARCH_PERFORMED_EVENT,
  context: { subscriberId: "keel-search-log" },
}
