import { DEFAULT_MODERATION, type ModerationOptions } from "./moderation"
import { DEFAULT_PRIOR, type BayesianPrior } from "./summary"

/** The plugin's options (medusa-config: `plugins: [{ resolve: "@keel/reviews", options }]`). */
export type ReviewsPluginOptions = {
  moderation?: Partial<ModerationOptions>
  bayesian?: Partial<BayesianPrior>
  /** Longest review text accepted, in characters (default 5,000). */
  maxContentLength?: number
}

export type ResolvedReviewsOptions = {
  moderation: ModerationOptions
  bayesian: BayesianPrior
  maxContentLength: number
}

export function resolveOptions(options: ReviewsPluginOptions = {}): ResolvedReviewsOptions {
  return {
    moderation: { ...DEFAULT_MODERATION, ...options.moderation, profanity: { ...DEFAULT_MODERATION.profanity, ...options.moderation?.profanity } },
    bayesian: { ...DEFAULT_PRIOR, ...options.bayesian },
    maxContentLength: options.maxContentLength ?? 5000,
  }
}
