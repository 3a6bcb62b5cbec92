import { clx } from "@medusajs/ui"

/** "★★★★☆", read out as "4 of 5 stars". */
export const Stars = ({ rating, className }: { rating: number; className?: string }) => {
  const filled = Math.min(5, Math.max(0, Math.round(rating)))
  return (
    <span role="img" aria-label={`${filled} of 5 stars`} className={clx("whitespace-nowrap text-ui-tag-orange-icon", className)}>
      {"★".repeat(filled)}
      <span className="text-ui-fg-disabled">{"☆".repeat(5 - filled)}</span>
    </span>
  )
}
