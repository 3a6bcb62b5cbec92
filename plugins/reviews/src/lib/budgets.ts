import type { AuthenticatedMedusaRequest, MedusaRequest } from "@medusajs/framework/http"
import { spendBudgets, type BudgetAnswer } from "@keel/core"
import { REVIEWS_MODULE } from "../modules/reviews"
import type ReviewsModuleService from "../modules/reviews/service"

const budgetsOf = (req: MedusaRequest) => req.scope.resolve<ReviewsModuleService>(REVIEWS_MODULE).budgets()

export const TOO_MANY_REVIEWS = "Too many reviews from this customer or address in a short time"

/**
 * Writes one review within the budgets of this customer and of the request's client address:
 * `write` runs only when both allow it, and a review it does not write (a 409 for a second one, a
 * 404) is given back to the customer's budget, which counts reviews written.
 */
export async function withinReviewBudget<T>(req: MedusaRequest, customerId: string, write: () => Promise<T>): Promise<BudgetAnswer & { written?: T }> {
  const budgets = await budgetsOf(req)
  const answer = await budgets.takeAll([
    ["reviewsPerCustomer", customerId],
    ["reviewsPerAddress", budgets.addressOf(req)],
  ])
  if (!answer.ok) return answer
  try {
    return { ok: true, written: await write() }
  } catch (error) {
    await budgets.giveBack("reviewsPerCustomer", customerId)
    throw error
  }
}

/** Route middleware: a logged-in customer's review, after its body is validated. */
export const reviewBudget = spendBudgets(async (req) => {
  const budgets = await budgetsOf(req)
  return {
    budgets,
    spend: [
      ["reviewsPerCustomer", (req as AuthenticatedMedusaRequest).auth_context?.actor_id],
      ["reviewsPerAddress", budgets.addressOf(req)],
    ],
    message: TOO_MANY_REVIEWS,
    refundOnClientError: ["reviewsPerCustomer"],
  }
})

/** Route middleware: a photo upload, before its body is read. */
export const photoUploadBudget = spendBudgets(async (req) => {
  const budgets = await budgetsOf(req)
  return {
    budgets,
    spend: [
      ["photoUploadsPerCustomer", (req as AuthenticatedMedusaRequest).auth_context?.actor_id],
      ["photoUploadsPerAddress", budgets.addressOf(req)],
    ],
    message: "Too many photo uploads from this customer or address in a short time",
  }
})
