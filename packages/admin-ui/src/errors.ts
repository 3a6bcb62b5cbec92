import { toast } from "@medusajs/ui"
import { useEffect } from "react"

const FALLBACK = "Something went wrong"

/**
 * The message the admin API answered with (the JS SDK's `FetchError` carries the route's
 * `message`, e.g. a 400 on an empty reply), else a generic one.
 */
export function errorMessage(error: unknown): string {
  return (error instanceof Error && error.message) || FALLBACK
}

/** An error toast with what the API said: pass it as a mutation's `onError`. */
export function toastError(error: unknown): void {
  toast.error(errorMessage(error))
}

/** Toasts a failed load once per error, titled with what failed and described with what the API said. */
export function useErrorToast(error: unknown, what: string): void {
  useEffect(() => {
    if (error) {
      toast.error(what, { description: errorMessage(error) })
    }
  }, [error, what])
}
