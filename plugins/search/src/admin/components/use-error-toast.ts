import { toast } from "@medusajs/ui"
import { useEffect } from "react"
import { errorMessage } from "../lib/search-tuning"

/** Toasts a failed load once per error, with what the API said. */
export function useErrorToast(error: unknown, what: string) {
  useEffect(() => {
    if (error) {
      toast.error(what, { description: errorMessage(error) })
    }
  }, [error, what])
}
