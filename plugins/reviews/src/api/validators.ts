import { z } from "@medusajs/framework/zod"

// Ratings are whole stars: 0, 6, 3.5 and "five" are refused with a 400.
const rating = z.number({ error: "rating must be a whole number from 1 to 5" }).int("rating must be a whole number from 1 to 5").min(1).max(5)
const MAX_CONTENT = 5000
const text = (max: number) => z.string().trim().max(max)

export const StoreCreateReview = z
  .object({
    rating,
    title: text(200).nullish(),
    content: text(MAX_CONTENT).min(1, "content is required"),
    variant_id: z.string().nullish(),
    locale: z.string().max(35).regex(/^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*$/, "locale must look like en or de-DE").nullish(),
    // Photos uploaded first with POST /store/reviews/media.
    media: z.array(z.object({ file_id: z.string().min(1).max(200) }).strict()).max(6).optional(),
  })
  .strict()
export type StoreCreateReviewType = z.infer<typeof StoreCreateReview>

export const StoreUpdateReview = z
  .object({
    rating: rating.optional(),
    title: text(200).nullish(),
    content: text(MAX_CONTENT).min(1).optional(),
    locale: StoreCreateReview.shape.locale,
  })
  .strict()
export type StoreUpdateReviewType = z.infer<typeof StoreUpdateReview>

export const StoreReviewVote = z.object({ helpful: z.boolean() }).strict()
export type StoreReviewVoteType = z.infer<typeof StoreReviewVote>

const ORDERS = ["-created_at", "created_at", "-rating", "rating", "-helpful"] as const

export const StoreListReviews = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(10),
  offset: z.coerce.number().int().min(0).default(0),
  order: z.enum(ORDERS).default("-created_at"),
  rating: z.coerce.number().int().min(1).max(5).optional(),
})
export type StoreListReviewsType = z.infer<typeof StoreListReviews>

export const AdminListReviews = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(20),
  offset: z.coerce.number().int().min(0).default(0),
  order: z.enum(ORDERS).default("-created_at"),
  status: z.union([z.enum(["pending", "approved", "rejected", "flagged"]), z.array(z.enum(["pending", "approved", "rejected", "flagged"]))]).optional(),
  rating: z.coerce.number().int().min(1).max(5).optional(),
  product_id: z.string().optional(),
  created_after: z.coerce.date().optional(),
  created_before: z.coerce.date().optional(),
})
export type AdminListReviewsType = z.infer<typeof AdminListReviews>

export const AdminSetReviewStatus = z
  .object({ ids: z.array(z.string()).min(1).max(500), status: z.enum(["approved", "rejected", "pending", "flagged"]) })
  .strict()
export type AdminSetReviewStatusType = z.infer<typeof AdminSetReviewStatus>

export const AdminReplyToReview = z.object({ content: text(MAX_CONTENT).min(1) }).strict()
export type AdminReplyToReviewType = z.infer<typeof AdminReplyToReview>

// A file's text, or for JSON its parsed value; the rows themselves are checked one by one
// by the import (lib/import.ts), so one bad row does not refuse the file.
export const AdminImportReviews = z
  .object({
    format: z.enum(["json", "csv"]),
    mapping: z.enum(["keel", "dummyjson"]),
    data: z.union([z.string().min(1, "data is empty"), z.array(z.unknown()), z.record(z.string(), z.unknown())]),
    status: z.enum(["approved", "pending"]).optional(),
  })
  .strict()
  .refine((body) => body.format === "json" || typeof body.data === "string", { message: "For format csv, data must be the CSV file's text", path: ["data"] })
export type AdminImportReviewsType = z.infer<typeof AdminImportReviews>

/** How a list's `order` maps to the module's ordering. */
export function ordering(order: (typeof ORDERS)[number]): Record<string, "ASC" | "DESC"> {
  switch (order) {
    case "created_at":
      return { created_at: "ASC", id: "ASC" }
    case "-rating":
      return { rating: "DESC", created_at: "DESC" }
    case "rating":
      return { rating: "ASC", created_at: "DESC" }
    case "-helpful":
      return { helpful_count: "DESC", created_at: "DESC" }
    default:
      return { created_at: "DESC", id: "DESC" }
  }
}
