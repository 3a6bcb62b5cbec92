import { Container } from "@medusajs/ui"
import type { ReactNode } from "react"
import { EmptyState, ErrorState, LoadingState } from "./states.js"

type QueryViewProps<T> = {
  /** What a react-query hook answers (its `data`, `isPending` and `error`). */
  query: { data: T | undefined; isPending: boolean; error: unknown }
  /** The title of the error state, e.g. "Could not load the wishlists". */
  errorTitle: string
  /** The texts of the empty state when the answer has nothing to show, else null. */
  empty?: (data: T) => { title: string; description: string } | null
  children: (data: T) => ReactNode
}

/**
 * A page's content from one query: while it loads, when it failed and when it found nothing, a
 * card with that state in place of the content.
 */
export function QueryView<T>({ query, errorTitle, empty, children }: QueryViewProps<T>) {
  const nothing = query.data !== undefined && !query.error ? empty?.(query.data) : null
  const state = query.isPending ? (
    <LoadingState />
  ) : query.error || query.data === undefined ? (
    <ErrorState title={errorTitle} error={query.error} />
  ) : nothing ? (
    <EmptyState title={nothing.title} description={nothing.description} />
  ) : null
  return state ? <Container className="p-0">{state}</Container> : <>{children(query.data as T)}</>
}
