import { z } from "@medusajs/framework/zod"
import { integer, isoDate } from "@keel/core"

export const AdminSetPurchaseLimit = z
  .object({
    max_quantity: integer({ min: 1, max: 100000 }),
    starts_at: isoDate().nullish(),
    ends_at: isoDate().nullish(),
  })
  .strict()
  .refine((v) => !v.starts_at || !v.ends_at || v.starts_at < v.ends_at, { message: "ends_at must be after starts_at" })

export type AdminSetPurchaseLimitType = z.infer<typeof AdminSetPurchaseLimit>
