import { Text } from "@medusajs/ui"

/** What a section shows when it has nothing to list yet. */
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

export const LoadingState = () => (
  <div className="px-6 py-8">
    <Text size="small" className="text-ui-fg-muted">
      Loading…
    </Text>
  </div>
)
