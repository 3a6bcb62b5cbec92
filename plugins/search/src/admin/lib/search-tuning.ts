import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { sdk } from "@keel/admin-ui"

// Client side of the search tuning admin API (src/api/admin/search).

export type SearchSynonym = { id: string; terms: string[]; created_at: string }
export type SearchStopWord = { id: string; word: string; created_at: string }
export type QueryCount = { query: string; searches: number; zero_result_searches: number; last_hit_count: number }
export type SearchQueriesSummary = { from: string; to: string; top: QueryCount[]; zero_results: QueryCount[] }

const DAY_MS = 24 * 60 * 60 * 1000

const keys = {
  synonyms: ["keel-search", "synonyms"] as const,
  stopWords: ["keel-search", "stop-words"] as const,
  queries: (days: number) => ["keel-search", "queries", days] as const,
}

export function useSynonyms() {
  return useQuery({
    queryKey: keys.synonyms,
    queryFn: () => sdk.client.fetch<{ synonyms: SearchSynonym[] }>("/admin/search/synonyms"),
  })
}

export function useCreateSynonymGroup() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (terms: string[]) =>
      sdk.client.fetch<{ synonym: SearchSynonym }>("/admin/search/synonyms", { method: "POST", body: { terms } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.synonyms }),
  })
}

export function useDeleteSynonymGroup() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (id: string) => sdk.client.fetch(`/admin/search/synonyms/${id}`, { method: "DELETE" }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: keys.synonyms }),
  })
}

export function useStopWords() {
  return useQuery({
    queryKey: keys.stopWords,
    queryFn: () => sdk.client.fetch<{ stop_words: SearchStopWord[] }>("/admin/search/stop-words"),
  })
}

export function useCreateStopWord() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (word: string) =>
      sdk.client.fetch<{ stop_word: SearchStopWord }>("/admin/search/stop-words", { method: "POST", body: { word } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.stopWords }),
  })
}

export function useDeleteStopWord() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (id: string) => sdk.client.fetch(`/admin/search/stop-words/${id}`, { method: "DELETE" }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: keys.stopWords }),
  })
}

/** Top queries and top zero-result queries of the last `days` days, up to now. */
export function useSearchQueries(days: number, limit = 20) {
  return useQuery({
    queryKey: keys.queries(days),
    queryFn: () =>
      sdk.client.fetch<SearchQueriesSummary>("/admin/search/queries", {
        query: { from: new Date(Date.now() - days * DAY_MS).toISOString(), limit },
      }),
    // Switching the range keeps the current tables until the new ones arrive.
    placeholderData: keepPreviousData,
  })
}
