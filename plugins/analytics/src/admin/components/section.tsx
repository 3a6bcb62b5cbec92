import { Container, Heading, Text } from "@medusajs/ui"
import type { ReactNode } from "react"

/** A titled card: heading (and a line about it) with actions on the right, then the content. */
export const Section = ({
  title,
  description,
  actions,
  children,
}: {
  title: string
  description?: string
  actions?: ReactNode
  children: ReactNode
}) => (
  <Container className="divide-y p-0" role="region" aria-label={title}>
    <div className="flex flex-wrap items-center justify-between gap-2 px-6 py-4">
      <div className="flex flex-col gap-y-0.5">
        <Heading level="h2">{title}</Heading>
        {description && (
          <Text size="small" className="text-ui-fg-subtle">
            {description}
          </Text>
        )}
      </div>
      {actions}
    </div>
    {children}
  </Container>
)
