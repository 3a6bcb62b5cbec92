import type { INotificationModuleService } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { reviewLinkSecret, signReviewLink } from "../../lib/review-link"
import { REVIEWS_MODULE } from "../../modules/reviews"
import type ReviewsModuleService from "../../modules/reviews/service"

export type SendReviewRequestsInput = { now?: string; limit?: number }

/**
 * Sends the invitations that are due: one notification per order, listing each product the
 * customer has not reviewed yet with a signed link that opens the review form for it and
 * expires after `linkTtlDays`. The notification's idempotency key is the request's, so a
 * step retried after a crash does not send twice; the request is then marked sent.
 */
export const sendReviewRequestsStep = createStep("send-review-requests", async (input: SendReviewRequestsInput, { container }) => {
  const service = container.resolve<ReviewsModuleService>(REVIEWS_MODULE)
  const { reviewRequests: options } = await service.getOptions()
  const now = input.now ? new Date(input.now) : new Date()
  const due = await service.listReviewRequests({ sent_at: null, send_after: { $lte: now } }, { take: input.limit ?? 100, order: { send_after: "ASC" } })
  if (!due.length) {
    return new StepResponse({ sent: [] as string[] })
  }
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const notifications = container.resolve<INotificationModuleService>(Modules.NOTIFICATION)
  const secret = reviewLinkSecret(options.secret, (key) => container.resolve(key))
  const sent: string[] = []
  for (const request of due) {
    const productIds = request.product_ids as unknown as string[]
    const reviewed = request.customer_id
      ? new Set((await service.listReviews({ customer_id: request.customer_id, product_id: productIds }, { select: ["product_id"] })).map((r) => r.product_id))
      : new Set<string>()
    // The products to invite for are the request's JSON list of ids, not a column a link can follow.
    const { data: products } = await query.graph({ entity: "product", fields: ["id", "title", "handle", "thumbnail"], filters: { id: productIds.filter((id) => !reviewed.has(id)) } })
    const links = request.customer_id
      ? await Promise.all(
          products.map(async (p) => {
            const token = await signReviewLink(
              { request_id: request.id, order_id: request.order_id, product_id: p.id, customer_id: request.customer_id! },
              secret,
              options.linkTtlDays * 86400
            )
            return { id: p.id, title: p.title, thumbnail: p.thumbnail ?? null, url: `${options.storefrontUrl.replace(/\/$/, "")}/products/${p.handle}?review_token=${token}` }
          })
        )
      : []
    if (links.length) {
      await notifications.createNotifications({
        to: request.email,
        channel: options.channel,
        template: options.template,
        data: { order_id: request.order_id, products: links },
        trigger_type: "keel.review_request",
        resource_id: request.order_id,
        resource_type: "order",
        idempotency_key: `keel-review-request-${request.id}`,
      })
    }
    await service.updateReviewRequests({ id: request.id, sent_at: now })
    sent.push(request.id)
  }
  return new StepResponse({ sent })
})
