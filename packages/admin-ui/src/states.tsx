import { Text } from "@medusajs/ui"
import { errorMessage } from "./errors.js"

/** What a section shows when it has nothing to list. */
export const EmptyState = ({ title, description }: { title: string; description: string }) => (
  <div className="flex flex-col items-center gap-y-1 px-6 py-8 text-center">
    <Text size="small" weight="plus" leading="compact">
      {title}
    </Text>
    <Text size="small" className="text-ui-fg-muted max-w-[420px]">
      {description}
    </Text>
  </div>
)

/** A section waiting for its data. */
export const LoadingState = () => (
  <div className="px-6 py-8" role="status">
    <Text size="small" className="text-ui-fg-muted">
      Loading…
    </Text>
  </div>
)

/**
 * A request that failed: what failed (when there is room to say it), and the API's message.
 * Without a title it is one line, as a widget in the product page's side column has room for.
 */
export const ErrorState = ({ title, error }: { title?: string; error: unknown }) =>
  title ? (
    <div className="flex flex-col items-center gap-y-1 px-6 py-8 text-center" role="alert">
      <Text size="small" weight="plus" leading="compact">
        {title}
      </Text>
      <Text size="small" className="text-ui-fg-error max-w-[420px]">
        {errorMessage(error)}
      </Text>
    </div>
  ) : (
    <Text size="small" className="text-ui-fg-error px-6 py-4" role="alert">
      {errorMessage(error)}
    </Text>
  )
