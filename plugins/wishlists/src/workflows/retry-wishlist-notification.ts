import { MedusaError } from "@medusajs/framework/utils"
import { createStep, createWorkflow, StepResponse, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { WISHLISTS_MODULE } from "../modules/wishlists"
import type WishlistsModuleService from "../modules/wishlists/service"
import { deliverWishlistNotificationsStep } from "./steps/deliver-wishlist-notifications"

type Previous = { id: string; status: "pending" | "dead"; next_attempt_at: Date }

/** Puts a pending or given-up notification back in line for now (404 when unknown or already sent). Undone by putting it back as it was. */
const requeueWishlistNotificationStep = createStep(
  "requeue-wishlist-notification",
  async (input: { id: string }, { container }) => {
    const service = container.resolve<WishlistsModuleService>(WISHLISTS_MODULE)
    const [row] = await service.listWishlistNotifications({ id: input.id, status: ["pending", "dead"] })
    if (!row) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `No undelivered alert notification with id ${input.id}`)
    }
    await service.updateWishlistNotifications({ id: row.id, status: "pending", next_attempt_at: new Date() })
    return new StepResponse(row.id, { id: row.id, status: row.status, next_attempt_at: row.next_attempt_at } as Previous)
  },
  async (previous, { container }) => {
    if (previous) await container.resolve<WishlistsModuleService>(WISHLISTS_MODULE).updateWishlistNotifications(previous)
  }
)

const readWishlistNotificationStep = createStep("read-wishlist-notification", async (input: { id: string }, { container }) => {
  const [row] = await container.resolve<WishlistsModuleService>(WISHLISTS_MODULE).listWishlistNotifications({ id: input.id })
  return new StepResponse(row)
})

/** The merchant's retry of an alert notification: one attempt now, with the same exactly-once checks as the job's. */
export const retryWishlistNotificationWorkflow = createWorkflow("retry-wishlist-notification", (input: { id: string }) => {
  const id = requeueWishlistNotificationStep(input)
  const delivered = deliverWishlistNotificationsStep(transform({ id }, ({ id }) => ({ ids: [id] })))
  const row = readWishlistNotificationStep(transform({ id, delivered }, ({ id }) => ({ id })))
  return new WorkflowResponse(row)
})
