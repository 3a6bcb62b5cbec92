import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { sampleDatabaseLoadStep } from "./steps/sample-database-load"

export const sampleDatabaseLoadWorkflow = createWorkflow("sample-database-load", (input: { now?: Date }) => {
  return new WorkflowResponse(sampleDatabaseLoadStep(input))
})
