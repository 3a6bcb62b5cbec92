import { z } from "@medusajs/framework/zod"
import { id, integer, isoDate, localeTag, queryInteger, storableJson, text } from "@keel/core"

// Ratings are whole stars: 0, 6, 3.5 and "five" are refused with a 400.
const rating = integer({ min: 1, max: 5 })
const queryRating = queryInteger({ min: 1, max: 5 })
const MAX_CONTENT = 5000
const title = text({ max: 200 })
const content = text({ max: MAX_CONTENT, min: 1, multiline: true })
const locale = localeTag()
const limit = (max: number, fallback: number) => queryInteger({ min: 1, max }).default(fallback)
// Pages deeper than this are not browsed; a bigger offset is a mistake or a probe.
const offset = queryInteger({ min: 0, max: 1_000_000 }).default(0)

export const StoreCreateReview = z
  .object({
    rating,
    title: title.nullish(),
    content,
    variant_id: id().nullish(),
    locale: locale.nullish(),
    // Photos uploaded first with POST /store/reviews/media.
    media: z.array(z.object({ file_id: id({ max: 200 }) }).strict()).max(6).optional(),
  })
  .strict()
export type StoreCreateReviewType = z.infer<typeof StoreCreateReview>

export const StoreUpdateReview = z
  .object({
    rating: rating.optional(),
    title: title.nullish(),
    content: content.optional(),
    locale: locale.nullish(),
  })
  .strict()
export type StoreUpdateReviewType = z.infer<typeof StoreUpdateReview>

export const StoreReviewVote = z.object({ helpful: z.boolean() }).strict()
export type StoreReviewVoteType = z.infer<typeof StoreReviewVote>

const ORDERS = ["-created_at", "created_at", "-rating", "rating", "-helpful"] as const
const STATUSES = ["pending", "approved", "rejected", "flagged"] as const

export const StoreListReviews = z.object({
  limit: limit(100, 10),
  offset,
  order: z.enum(ORDERS).default("-created_at"),
  rating: queryRating.optional(),
})
export type StoreListReviewsType = z.infer<typeof StoreListReviews>

export const AdminListReviews = z.object({
  limit: limit(200, 20),
  offset,
  order: z.enum(ORDERS).default("-created_at"),
  status: z.union([z.enum(STATUSES), z.array(z.enum(STATUSES)).max(STATUSES.length)]).optional(),
  rating: queryRating.optional(),
  product_id: id().optional(),
  created_after: isoDate().optional(),
  created_before: isoDate().optional(),
})
export type AdminListReviewsType = z.infer<typeof AdminListReviews>

export const AdminSetReviewStatus = z.object({ ids: z.array(id()).min(1).max(500), status: z.enum(STATUSES) }).strict()
export type AdminSetReviewStatusType = z.infer<typeof AdminSetReviewStatus>

export const AdminReplyToReview = z.object({ content }).strict()
export type AdminReplyToReviewType = z.infer<typeof AdminReplyToReview>

// A file's text, or for JSON its parsed value; the rows themselves are checked one by one
// by the import (lib/import.ts), so one bad row does not refuse the file.
export const AdminImportReviews = z
  .object({
    format: z.enum(["json", "csv"]),
    mapping: z.enum(["keel", "dummyjson"]),
    data: storableJson(z.union([z.string().min(1, "data is empty"), z.array(z.unknown()), z.record(z.string(), z.unknown())])),
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
