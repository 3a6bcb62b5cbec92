import { DEFAULT_MODERATION, type ModerationOptions } from "./moderation"
import { DEFAULT_PRIOR, type BayesianPrior } from "./summary"

/** The plugin's options (medusa-config: `plugins: [{ resolve: "@keel/reviews", options }]`). */
export type ReviewsPluginOptions = {
  moderation?: Partial<ModerationOptions>
  bayesian?: Partial<BayesianPrior>
  /** Longest review text accepted, in characters (default 5,000). */
  maxContentLength?: number
  reviewRequests?: Partial<ReviewRequestOptions>
}

export type ReviewRequestOptions = {
  /** Invite customers to review what a fulfilled order brought (default true). */
  enabled: boolean
  /** Hours between the fulfilment and the invitation (default 168, a week). */
  delayHours: number
  /** Days a review link stays valid (default 30). */
  linkTtlDays: number
  /** The storefront's address; links go to `<storefrontUrl>/products/<handle>?review_token=…`. */
  storefrontUrl: string
  /** Signs review links; defaults to the app's JWT secret. */
  secret?: string
  /** Notification Module channel and template of the invitation. */
  channel: string
  template: string
}

export type ResolvedReviewsOptions = {
  moderation: ModerationOptions
  bayesian: BayesianPrior
  maxContentLength: number
  reviewRequests: ReviewRequestOptions
}

export function resolveOptions(options: ReviewsPluginOptions = {}): ResolvedReviewsOptions {
  return {
    moderation: { ...DEFAULT_MODERATION, ...options.moderation, profanity: { ...DEFAULT_MODERATION.profanity, ...options.moderation?.profanity } },
    bayesian: { ...DEFAULT_PRIOR, ...options.bayesian },
    maxContentLength: options.maxContentLength ?? 5000,
    reviewRequests: {
      enabled: true,
      delayHours: 168,
      linkTtlDays: 30,
      storefrontUrl: process.env.STOREFRONT_URL || "http://localhost:8000",
      channel: "email",
      template: "keel-review-request",
      ...options.reviewRequests,
    },
  }
}
