import { z } from "@medusajs/framework/zod"
import { insightsPeriod } from "../../lib/insights"

// `from` and `to` are ISO dates or timestamps; without them, the last 30 days up to now.
export const AdminWishlistInsights = z
  .object({
    from: z.coerce.date().optional(),
    to: z.coerce.date().optional(),
    limit: z.coerce.number().int().min(1).max(100).default(10),
  })
  .transform((query) => ({ ...query, ...insightsPeriod(query) }))
  .refine((query) => query.to >= query.from, { message: "to must not be before from", path: ["to"] })
export type AdminWishlistInsightsType = z.infer<typeof AdminWishlistInsights>
