import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { findWishlistStep, type WishlistActor } from "./steps/find-wishlist"

/** The list, for its owner only (a read: no compensation). */
export const getWishlistWorkflow = createWorkflow("get-wishlist", (input: { wishlist_id: string } & WishlistActor) => {
  return new WorkflowResponse(findWishlistStep(input))
})
