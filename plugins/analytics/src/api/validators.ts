import { z } from "@medusajs/framework/zod"
import { currencyCode, fieldError, isoDate, storableJson, text } from "@keel/core"
import { STOREFRONT_EVENTS } from "../lib/events"

/** Properties of one event: a flat-ish object, at most 50 keys and 4 kB as JSON. */
const Properties = storableJson(z.record(z.string().max(100), z.unknown()))
  .refine((p) => Object.keys(p).length <= 50, { message: "at most 50 properties per event" })
  .refine((p) => JSON.stringify(p).length <= 4096, { message: "properties must be at most 4 kB as JSON" })

export const StoreIngestEvent = z
  .object({
    // A refinement, not an enum: Medusa words an enum refusal inside an array as "is required".
    event: z
      .string({ error: "event must be the name of an event" })
      .refine(
        (event) => (STOREFRONT_EVENTS as string[]).includes(event),
        fieldError(`must be an event the storefront captures: ${STOREFRONT_EVENTS.join(", ")} (the backend captures the rest itself)`)
      ),
    properties: Properties.optional(),
    /** when it happened (ISO 8601); default: when it arrived */
    timestamp: isoDate().optional(),
  })
  .strict()

export const StoreIngestBatch = z
  .object({
    /** the storefront's anonymous session id (or send it in x-keel-session-id) */
    session_id: text({ min: 8, max: 200 }).optional(),
    events: z.array(StoreIngestEvent).min(1),
  })
  .strict()
export type StoreIngestBatchType = z.infer<typeof StoreIngestBatch>

const currency = currencyCode()

export const AdminAnalyticsRange = z
  .object({
    from: isoDate().optional(),
    to: isoDate().optional(),
    currency: currency.optional(),
  })
  .refine((r) => !r.from || !r.to || r.from.getTime() < r.to.getTime(), { message: "to must be after from", path: ["to"] })
export type AdminAnalyticsRangeType = z.infer<typeof AdminAnalyticsRange>

export const AdminAnalyticsExport = z
  .object({
    metric: z.enum(["series", "funnel", "zero_result_queries", "top_products", "cohorts", "signals"]),
    from: isoDate().optional(),
    to: isoDate().optional(),
    currency: currency.optional(),
  })
  .refine((r) => !r.from || !r.to || r.from.getTime() < r.to.getTime(), { message: "to must be after from", path: ["to"] })
export type AdminAnalyticsExportType = z.infer<typeof AdminAnalyticsExport>

/** A backfill: recompute every day from `from` to `to` (default: what arrived since the last run). */
export const AdminAnalyticsRollup = z
  .object({ from: isoDate().optional(), to: isoDate().optional() })
  .strict()
  .refine((r) => !r.to || !!r.from, { message: "to needs from", path: ["to"] })
  .refine((r) => !r.from || (r.to ?? new Date()).getTime() - r.from.getTime() <= 400 * 86_400_000, { message: "a backfill covers at most 400 days", path: ["from"] })
  .refine((r) => !r.from || !r.to || r.from.getTime() <= r.to.getTime(), { message: "to must not be before from", path: ["to"] })
export type AdminAnalyticsRollupType = z.infer<typeof AdminAnalyticsRollup>
