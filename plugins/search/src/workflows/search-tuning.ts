import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { createSearchTuningStep, type CreateSearchTuningInput } from "./steps/create-search-tuning"
import { deleteSearchTuningStep, type DeleteSearchTuningInput } from "./steps/delete-search-tuning"

/** Adds merchant synonym groups and stop words; the search provider applies them within a second. */
export const createSearchTuningWorkflow = createWorkflow("create-search-tuning", (input: CreateSearchTuningInput) => {
  return new WorkflowResponse(createSearchTuningStep(input))
})

export const deleteSearchTuningWorkflow = createWorkflow("delete-search-tuning", (input: DeleteSearchTuningInput) => {
  return new WorkflowResponse(deleteSearchTuningStep(input))
})
