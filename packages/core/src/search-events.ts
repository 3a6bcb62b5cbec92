/**
 * The event a shop's search log emits with each batch of logged store searches, and what one
 * record holds: the contract between the search log (Keel's app) and @keel/analytics, which counts
 * them as "Products Searched". `session_id` is already `sessionKey` of the storefront's id.
 */
export const SEARCH_PERFORMED_EVENT = "keel.search.performed"

export type SearchPerformedRecord = {
  query: string
  index_name: string
  hit_count: number
  corrected_query?: string | null
  locale?: string | null
  session_id?: string | null
}
