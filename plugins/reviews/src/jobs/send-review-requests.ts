import type { MedusaContainer } from "@medusajs/framework/types"
import { sendReviewRequestsWorkflow } from "../workflows/send-review-requests"

/** Every ten minutes: send the review invitations whose delay has passed. */
export default async function sendReviewRequests(container: MedusaContainer) {
  await sendReviewRequestsWorkflow(container).run({ input: {} })
}

export const config = {
  name: "keel-send-review-requests",
  schedule: "*/10 * * * *",
}
