import { z } from "@medusajs/framework/zod"

export const AdminSetPurchaseLimit = z
  .object({
    max_quantity: z.number().int().min(1).max(100000),
    starts_at: z.coerce.date().nullish(),
    ends_at: z.coerce.date().nullish(),
  })
  .strict()
  .refine((v) => !v.starts_at || !v.ends_at || v.starts_at < v.ends_at, { message: "ends_at must be after starts_at" })

export type AdminSetPurchaseLimitType = z.infer<typeof AdminSetPurchaseLimit>
