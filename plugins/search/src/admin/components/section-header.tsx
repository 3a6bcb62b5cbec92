import { Heading, Text } from "@medusajs/ui"
import { ReactNode } from "react"

export const SectionHeader = ({ title, description, actions }: { title: string; description: string; actions?: ReactNode }) => (
  <div className="flex items-start justify-between gap-x-4 px-6 py-4">
    <div className="flex flex-col gap-y-1">
      <Heading level="h2">{title}</Heading>
      <Text size="small" className="text-ui-fg-subtle">
        {description}
      </Text>
    </div>
    {actions}
  </div>
)
