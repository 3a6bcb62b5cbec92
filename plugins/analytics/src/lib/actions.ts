import type { SignalId } from "./contract"

// What each signal recommends by default, in words that fit any Medusa shop. An app names its own
// settings and providers through the plugin's `actions` option (Keel's app does).
export const ACTIONS: Record<SignalId, string> = {
  zero_result_search:
    "Shoppers search for things the catalog does not answer: turn on typo-tolerant (fuzzy) search in your search provider and add synonyms for the top zero-result queries.",
  payment_abandonment:
    "Shoppers leave at the payment step: offer alternative payment methods (PayPal next to cards, wallets), and check the payment step for errors.",
  database_load:
    "The database is the bottleneck at peak: cache catalog answers (a response cache, a CDN in front of the store API) and move catalog reads to a read replica.",
}
