import { z } from "@medusajs/framework/zod"
import { isoDate, queryInteger } from "@keel/core"
import { insightsPeriod } from "../../lib/insights"

// `from` and `to` are ISO dates or timestamps; without them, the last 30 days up to now.
export const AdminWishlistInsights = z
  .object({
    from: isoDate().optional(),
    to: isoDate().optional(),
    limit: queryInteger({ min: 1, max: 100 }).default(10),
  })
  .transform((query) => ({ ...query, ...insightsPeriod(query) }))
  .refine((query) => query.to >= query.from, { message: "to must not be before from", path: ["to"] })
export type AdminWishlistInsightsType = z.infer<typeof AdminWishlistInsights>

export const AdminWishlistNotifications = z.object({
  status: z.enum(["pending", "sent", "dead", "undelivered"]).default("undelivered"),
  limit: queryInteger({ min: 1, max: 200 }).default(20),
  offset: queryInteger({ min: 0, max: 1_000_000 }).default(0),
})
export type AdminWishlistNotificationsType = z.infer<typeof AdminWishlistNotifications>
