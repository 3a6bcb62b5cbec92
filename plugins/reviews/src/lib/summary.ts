/** Stars 1–5 and how many approved reviews gave each. */
export type Histogram = { 1: number; 2: number; 3: number; 4: number; 5: number }

export type BayesianPrior = {
  /** The rating a product is assumed to have before its reviews say otherwise (default 3). */
  mean: number
  /** How many reviews' worth of weight the assumption has (default 5). */
  weight: number
}

export const DEFAULT_PRIOR: BayesianPrior = { mean: 3, weight: 5 }

export type RatingSummary = {
  count: number
  rating_sum: number
  average: number
  bayesian_average: number
  histogram: Histogram
}

const round = (value: number, digits = 4) => Math.round(value * 10 ** digits) / 10 ** digits

export function emptyHistogram(): Histogram {
  return { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 }
}

/**
 * A product's rating summary from its histogram. The Bayesian average is
 * (weight × mean + sum of ratings) / (weight + count): a product with two 5-star reviews ranks
 * below one with two hundred reviews averaging 4.8.
 */
export function summarize(histogram: Histogram, prior: BayesianPrior = DEFAULT_PRIOR): RatingSummary {
  let count = 0
  let sum = 0
  for (const star of [1, 2, 3, 4, 5] as const) {
    count += histogram[star]
    sum += star * histogram[star]
  }
  return {
    count,
    rating_sum: sum,
    average: count ? round(sum / count) : 0,
    bayesian_average: round((prior.weight * prior.mean + sum) / (prior.weight + count)),
    histogram: { ...histogram },
  }
}
