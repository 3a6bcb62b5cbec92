import { sdk } from "@keel/admin-ui"
import { keepPreviousData, QueryClient, useMutation, useQuery, useQueryClient } from "@tanstack/react-query"

// Client side of the reviews admin API (src/api/admin/reviews).

export const REVIEW_STATUSES = ["pending", "flagged", "approved", "rejected"] as const
export type ReviewStatus = (typeof REVIEW_STATUSES)[number]
export type ReviewOrder = "-created_at" | "created_at" | "-rating" | "rating" | "-helpful"

export type AdminReview = {
  id: string
  product_id: string
  variant_id: string | null
  rating: number
  title: string | null
  content: string
  author_name: string | null
  verified_purchase: boolean
  locale: string | null
  helpful_count: number
  unhelpful_count: number
  media: { id: string; url: string }[]
  reply: { content: string; created_at: string } | null
  created_at: string
  updated_at: string
  customer_id: string | null
  status: ReviewStatus
  moderation_reason: string | null
  source: string
  product: { id: string; title: string | null; thumbnail: string | null } | null
}

export type RatingSummary = {
  count: number
  average: number
  bayesian_average: number
  histogram: Record<1 | 2 | 3 | 4 | 5, number>
}

export type ReviewList = {
  reviews: AdminReview[]
  count: number
  limit: number
  offset: number
  /** Only when the list is filtered by product. */
  summary?: RatingSummary
}

export type ReviewFilters = {
  /** Empty or absent: every status. */
  statuses?: ReviewStatus[]
  rating?: number
  product_id?: string
  /** ISO timestamps. */
  created_after?: string
  created_before?: string
  limit?: number
  offset?: number
  order?: ReviewOrder
}

export type ImportFormat = "json" | "csv"
export type ImportMapping = "keel" | "dummyjson"
export type ImportReviewsInput = { format: ImportFormat; mapping: ImportMapping; data: string }
export type ImportReviewsResult = { imported?: number; skipped?: number; errors?: { row: number; message: string }[] }

const keys = {
  all: ["keel-reviews"] as const,
  lists: ["keel-reviews", "list"] as const,
  list: (filters: ReviewFilters) => ["keel-reviews", "list", filters] as const,
}

/** Built by hand so several statuses go out as `status=pending&status=flagged`, not qs's `status[0]=`. */
function listPath(filters: ReviewFilters) {
  const params = new URLSearchParams()
  for (const status of filters.statuses ?? []) {
    params.append("status", status)
  }
  for (const key of ["rating", "product_id", "created_after", "created_before", "limit", "offset", "order"] as const) {
    const value = filters[key]
    if (value !== undefined && value !== "") {
      params.set(key, String(value))
    }
  }
  const query = params.toString()
  return query ? `/admin/reviews?${query}` : "/admin/reviews"
}

export function useReviews(filters: ReviewFilters) {
  return useQuery({
    queryKey: keys.list(filters),
    queryFn: () => sdk.client.fetch<ReviewList>(listPath(filters)),
    // Paging and filtering keep the current rows until the new ones arrive.
    placeholderData: keepPreviousData,
  })
}

/** Every cached list shows the new status at once, and drops the reviews its status filter no longer matches. */
function applyStatus(queryClient: QueryClient, ids: string[], status: ReviewStatus) {
  const changed = new Set(ids)
  for (const [key, list] of queryClient.getQueriesData<ReviewList>({ queryKey: keys.lists })) {
    if (!list) {
      continue
    }
    const statuses = (key[2] as ReviewFilters | undefined)?.statuses
    const leaves = statuses?.length ? !statuses.includes(status) : false
    const reviews = list.reviews
      .filter((review) => !(leaves && changed.has(review.id)))
      .map((review) => (changed.has(review.id) ? { ...review, status, moderation_reason: null } : review))
    queryClient.setQueryData<ReviewList>(key, { ...list, reviews, count: list.count - (list.reviews.length - reviews.length) })
  }
}

export function useSetReviewStatus() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ ids, status }: { ids: string[]; status: ReviewStatus }) =>
      sdk.client.fetch<{ reviews: { id: string; status: ReviewStatus }[] }>("/admin/reviews/status", {
        method: "POST",
        body: { ids, status },
      }),
    onMutate: async ({ ids, status }) => {
      await queryClient.cancelQueries({ queryKey: keys.lists })
      applyStatus(queryClient, ids, status)
    },
    // Also restores the lists when the change was refused.
    onSettled: () => queryClient.invalidateQueries({ queryKey: keys.all }),
  })
}

export function useReplyToReview() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ id, content }: { id: string; content: string }) =>
      sdk.client.fetch(`/admin/reviews/${id}/reply`, { method: "POST", body: { content } }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: keys.all }),
  })
}

export function useRemoveReply() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (id: string) => sdk.client.fetch(`/admin/reviews/${id}/reply`, { method: "DELETE" }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: keys.all }),
  })
}

export function useDeleteReview() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (id: string) => sdk.client.fetch(`/admin/reviews/${id}`, { method: "DELETE" }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: keys.all }),
  })
}

export function useImportReviews() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: ImportReviewsInput) =>
      sdk.client.fetch<ImportReviewsResult>("/admin/reviews/import", { method: "POST", body: input }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: keys.all }),
  })
}
