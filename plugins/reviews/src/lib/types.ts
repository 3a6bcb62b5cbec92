export type ReviewStatus = "pending" | "approved" | "rejected" | "flagged"
export type ReviewSource = "storefront" | "import" | "request"

/** A review as written to the module. */
export type ReviewInput = {
  product_id: string
  variant_id?: string | null
  customer_id?: string | null
  order_id?: string | null
  order_line_item_id?: string | null
  verified_purchase?: boolean
  rating: number
  title?: string | null
  content: string
  author_name?: string | null
  status?: ReviewStatus
  moderation_reason?: string | null
  source?: ReviewSource
  locale?: string | null
  external_id?: string | null
  created_at?: Date
}

export type ReviewUpdate = { id: string } & Partial<Omit<ReviewInput, "product_id">>
