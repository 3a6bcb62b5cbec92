import { StatusBadge } from "@medusajs/ui"
import { ComponentProps } from "react"
import { ReviewStatus } from "../lib/reviews"

const LOOK: Record<ReviewStatus, { label: string; color: ComponentProps<typeof StatusBadge>["color"] }> = {
  pending: { label: "Pending", color: "orange" },
  flagged: { label: "Flagged", color: "red" },
  approved: { label: "Approved", color: "green" },
  rejected: { label: "Rejected", color: "grey" },
}

export const ReviewStatusBadge = ({ status }: { status: ReviewStatus }) => (
  <StatusBadge color={LOOK[status]?.color ?? "grey"}>{LOOK[status]?.label ?? status}</StatusBadge>
)
