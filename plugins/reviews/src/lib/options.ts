import { resolveBudgetLimit, type BudgetLimit, type TrustedProxies } from "@keel/core"
import { DEFAULT_MODERATION, type ModerationOptions } from "./moderation"
import { DEFAULT_PRIOR, type BayesianPrior } from "./summary"

/** The plugin's options (medusa-config: `plugins: [{ resolve: "@keel/reviews", options }]`). */
export type ReviewsPluginOptions = {
  moderation?: Partial<ModerationOptions>
  bayesian?: Partial<BayesianPrior>
  /** Longest review text accepted, in characters (default 5,000). */
  maxContentLength?: number
  reviewRequests?: Partial<ReviewRequestOptions>
  /** How often one client may write reviews and upload photos (429 with Retry-After beyond). */
  budgets?: Partial<ReviewBudgets>
  /** Redis shared by the shop's processes, so a budget counts across all of them (default: per process). */
  redisUrl?: string
  /** Proxies whose X-Forwarded-For names the client (load balancer, CDN, storefront server); default none. */
  trustedProxies?: TrustedProxies
}

/** `{ points, duration }`: that many uses per `duration` seconds; `false` turns one off. */
export type ReviewBudgets = {
  /** Reviews one customer writes (store route and review links; a refused one is given back), default 5 per 5 minutes. */
  reviewsPerCustomer: BudgetLimit
  /** Review attempts from one client address, default 30 per 10 minutes. */
  reviewsPerAddress: BudgetLimit
  /** Photo uploads (up to 6 files each) by one customer, default 20 per 10 minutes. */
  photoUploadsPerCustomer: BudgetLimit
  /** Photo uploads from one client address, default 60 per 10 minutes. */
  photoUploadsPerAddress: BudgetLimit
}

export const DEFAULT_BUDGETS: ReviewBudgets = {
  reviewsPerCustomer: { points: 5, duration: 300 },
  reviewsPerAddress: { points: 30, duration: 600 },
  photoUploadsPerCustomer: { points: 20, duration: 600 },
  photoUploadsPerAddress: { points: 60, duration: 600 },
}

export type ReviewRequestOptions = {
  /** Invite customers to review what a fulfilled order brought (default true). */
  enabled: boolean
  /** Hours between the fulfilment and the invitation (default 168, a week). */
  delayHours: number
  /** Days a review link stays valid (default 30). */
  linkTtlDays: number
  /** The storefront's address (default http://localhost:8000); links go to `<storefrontUrl>/products/<handle>?review_token=…`. */
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
  budgets: ReviewBudgets
  redisUrl?: string
  trustedProxies?: TrustedProxies
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
      storefrontUrl: "http://localhost:8000",
      channel: "email",
      template: "keel-review-request",
      ...options.reviewRequests,
    },
    budgets: Object.fromEntries(
      (Object.keys(DEFAULT_BUDGETS) as (keyof ReviewBudgets)[]).map((name) => [name, resolveBudgetLimit(`@keel/reviews budgets.${name}`, options.budgets?.[name], DEFAULT_BUDGETS[name])])
    ) as ReviewBudgets,
    redisUrl: options.redisUrl || undefined,
    trustedProxies: options.trustedProxies,
  }
}
