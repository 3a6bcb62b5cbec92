import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { refuseTooMany, spendBudgets } from "@keel/core"
import { GUEST_TOKEN_HEADER } from "../api/actor"
import { WISHLISTS_MODULE } from "../modules/wishlists"
import type WishlistsModuleService from "../modules/wishlists/service"

const budgetsOf = (req: MedusaRequest) => req.scope.resolve<WishlistsModuleService>(WISHLISTS_MODULE).budgets()

// Tokens are 32 random bytes in base64url (lib/tokens.ts); anything far from that is not one.
const TOKEN = /^[A-Za-z0-9_-]{1,128}$/

/** A share-link lookup takes from its client address's budget: tokens cannot be guessed at speed. */
export const shareLookupBudget = spendBudgets(async (req) => {
  const budgets = await budgetsOf(req)
  return { budgets, spend: [["shareLookupsPerAddress", budgets.addressOf(req)]], message: "Too many shared-list lookups from this address" }
})

/**
 * A request carrying a guest list's token (x-wishlist-token): the header must look like a token
 * (a 400 otherwise), and it takes from its client address's budget.
 */
export async function guestTokenBudget(req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) {
  const header = req.headers[GUEST_TOKEN_HEADER]
  const token = Array.isArray(header) ? header[0] : header
  if (!token) return next()
  if (!TOKEN.test(token)) {
    return next(new MedusaError(MedusaError.Types.INVALID_DATA, `The ${GUEST_TOKEN_HEADER} header is not a guest list's token`))
  }
  const budgets = await budgetsOf(req)
  const answer = await budgets.take("guestTokenLookupsPerAddress", budgets.addressOf(req))
  if (!answer.ok) return refuseTooMany(res, answer.retryAfter, "Too many guest-list requests from this address")
  next()
}
