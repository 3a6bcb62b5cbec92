import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { recordSearchQueriesStep, type SearchQueryRecord } from "./steps/record-search-queries"

/** Keeps store searches (normalised query, hit count, locale, anonymous session) for analytics. */
export const recordSearchQueriesWorkflow = createWorkflow("record-search-queries", (input: SearchQueryRecord[]) => {
  return new WorkflowResponse(recordSearchQueriesStep(input))
})
