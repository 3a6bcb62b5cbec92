import { MedusaError } from "@medusajs/framework/utils"

// When an alert fires, and what it remembers afterwards. Pure functions: the workflow reads
// the current availability and prices, these decide, the module stores the result.

export type AlertKind = "back_in_stock" | "price_drop"

export const DEFAULT_PRICE_DROP_PERCENT = 10

/** What an alert remembers between checks. */
export type AlertState = {
  kind: AlertKind
  in_stock: boolean | null
  saved_amount: number | null
  reference_amount: number | null
}

/** What a check saw: the variant's availability (null: stock not managed) and price (null: none). */
export type AlertReading = { exists: boolean; availability: number | null; amount: number | null; currency_code?: string | null }

export type AlertDecision = {
  /** announce this change to the shopper */
  fire: boolean
  /** the state to store (only the fields that change) */
  next: Partial<Pick<AlertState, "in_stock" | "saved_amount" | "reference_amount">>
  /** for a price drop: the price the shopper knew before */
  previous_amount?: number | null
}

/** The fewest cents we compare: prices are decimals, and floating-point noise is not a drop. */
const round = (n: number) => Math.round(n * 10_000) / 10_000

/**
 * Back in stock: fires when the variant goes from unavailable to available (a variant whose
 * stock is not managed is always available). Nothing is known at first: the first check only
 * records what it saw, so a subscription never fires for stock that was already there.
 *
 * Price drop: fires when the price is at least `percent` below the price the shopper knows
 * about (the price when they asked, then the price of the last alert), so the same drop is
 * announced once. When the price rises again, what the shopper knows rises with it, but never
 * above the price when they asked: a sale that ends and comes back is a new drop.
 */
export function decideAlert(state: AlertState, reading: AlertReading, percent: number): AlertDecision {
  if (!reading.exists) {
    return { fire: false, next: {} }
  }
  if (state.kind === "back_in_stock") {
    const inStock = reading.availability === null || reading.availability > 0
    if (state.in_stock === inStock) {
      return { fire: false, next: {} }
    }
    return { fire: state.in_stock === false && inStock, next: { in_stock: inStock } }
  }

  if (reading.amount === null) {
    return { fire: false, next: {} }
  }
  const amount = round(reading.amount)
  if (state.reference_amount === null || state.saved_amount === null) {
    // The price could not be read when the shopper asked: what they see now is the start.
    return { fire: false, next: { saved_amount: state.saved_amount ?? amount, reference_amount: amount } }
  }
  const reference = round(state.reference_amount)
  if (amount <= round(reference * (1 - percent / 100)) && amount < reference) {
    return { fire: true, next: { reference_amount: amount }, previous_amount: reference }
  }
  if (amount > reference) {
    const rearmed = Math.min(amount, round(state.saved_amount))
    return rearmed === reference ? { fire: false, next: {} } : { fire: false, next: { reference_amount: rearmed } }
  }
  return { fire: false, next: {} }
}

/** The price-drop threshold from the plugin options: a percent above 0 and below 100. */
export function priceDropPercent(option: unknown): number {
  if (option === undefined || option === null) return DEFAULT_PRICE_DROP_PERCENT
  const n = Number(option)
  if (!Number.isFinite(n) || n <= 0 || n >= 100) {
    throw new MedusaError(MedusaError.Types.INVALID_ARGUMENT, `@keel/wishlists: priceDropPercent must be a number above 0 and below 100, got ${JSON.stringify(option)}`)
  }
  return n
}
