/** Event names from the PostHog e-commerce spec that Keel captures. */
export const EVENT_NAMES = [
  "Product Viewed",
  "Product List Viewed",
  "Products Searched",
  "Product Added",
  "Product Removed",
  "Cart Viewed",
  "Checkout Started",
  "Checkout Step Completed",
  "Payment Info Entered",
  "Order Completed",
  "Order Refunded",
  "Product Added to Wishlist",
  "Product Reviewed",
] as const
export type EventName = (typeof EVENT_NAMES)[number]

/** What only the browser sees; everything else the backend captures itself (a storefront cannot fake an order). */
export const STOREFRONT_EVENTS: EventName[] = ["Product Viewed", "Product List Viewed", "Cart Viewed"]

// The session header and its stored hash are one contract with the app's search log: @keel/core.
export { SESSION_HEADER, sessionKey } from "@keel/core"

export type CapturedEvent = {
  name: EventName
  session_id: string | null
  customer_id?: string | null
  properties?: Record<string, unknown>
  occurred_at?: Date
  source: "server" | "storefront"
  dedupe_key?: string | null
}

/** Property names that would carry personal data; they are dropped from every event. */
const PII_KEYS = /^(e-?mail|email_address|phone|phone_number|first_name|last_name|name|full_name|address(_\d)?|address_line_\d|street|postal_code|zip|city|ip|ip_address|user_agent|card|card_number|iban|password|token)$/i
const EMAIL = /[^\s@]+@[^\s@]+\.[^\s@]+/g

/**
 * Properties without personal data: keys that name it are dropped, strings that contain an
 * e-mail address have it masked, nesting stops at 4 levels.
 */
export function scrubProperties(value: unknown, depth = 0): unknown {
  if (value === null || typeof value === "number" || typeof value === "boolean") return value
  if (typeof value === "string") return value.replace(EMAIL, "[email]")
  if (depth >= 4) return null
  if (Array.isArray(value)) return value.map((v) => scrubProperties(v, depth + 1))
  if (typeof value === "object") {
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (!PII_KEYS.test(k)) out[k] = scrubProperties(v, depth + 1)
    }
    return out
  }
  return null
}
