import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { REVIEWS_MODULE } from "../../modules/reviews"
import type ReviewsModuleService from "../../modules/reviews/service"

/**
 * Schedules the invitation to review a fulfilled order's products, once per order, for
 * `delayHours` after now. Orders without an e-mail address or canceled are left alone.
 */
export const scheduleReviewRequestStep = createStep(
  "schedule-review-request",
  async ({ order_id }: { order_id: string }, { container }) => {
    const service = container.resolve<ReviewsModuleService>(REVIEWS_MODULE)
    const { reviewRequests } = await service.getOptions()
    if (!reviewRequests.enabled) {
      return new StepResponse(null, null)
    }
    const [existing] = await service.listReviewRequests({ order_id }, { take: 1 })
    if (existing) {
      return new StepResponse(existing, null)
    }
    const { data } = await container.resolve(ContainerRegistrationKeys.QUERY).graph({
      entity: "order",
      fields: ["id", "email", "customer_id", "status", "items.product_id"],
      filters: { id: order_id },
    })
    const order = data[0]
    const productIds = [...new Set((order?.items ?? []).map((i) => i?.product_id).filter((id): id is string => !!id))]
    if (!order?.email || order.status === "canceled" || !productIds.length) {
      return new StepResponse(null, null)
    }
    const request = await service.createReviewRequests({
      order_id,
      customer_id: order.customer_id ?? null,
      email: order.email,
      product_ids: productIds as unknown as Record<string, unknown>,
      send_after: new Date(Date.now() + reviewRequests.delayHours * 3600_000),
    })
    return new StepResponse(request, request.id)
  },
  async (id, { container }) => {
    if (id) {
      await container.resolve<ReviewsModuleService>(REVIEWS_MODULE).deleteReviewRequests(id)
    }
  }
)
