import { Button, Text, toast } from "@medusajs/ui"
import { errorMessage, useSetReviewStatus } from "../lib/reviews"

type BulkActionsProps = {
  ids: string[]
  onDone: () => void
}

/** Shown while rows are selected: moderate them all at once. */
export const BulkActions = ({ ids, onDone }: BulkActionsProps) => {
  const setStatus = useSetReviewStatus()
  const reviews = ids.length === 1 ? "1 review" : `${ids.length} reviews`

  const apply = (status: "approved" | "rejected") =>
    setStatus.mutate(
      { ids, status },
      {
        onSuccess: () => {
          toast.success(status === "approved" ? `${reviews} approved` : `${reviews} rejected`)
          onDone()
        },
        onError: (e) => toast.error(errorMessage(e)),
      }
    )

  return (
    <div className="bg-ui-bg-subtle flex flex-wrap items-center justify-between gap-2 px-6 py-3" role="toolbar" aria-label="Selected reviews">
      <Text size="small" weight="plus">
        {ids.length} selected
      </Text>
      <div className="flex items-center gap-x-2">
        <Button size="small" variant="transparent" disabled={setStatus.isPending} onClick={onDone}>
          Clear selection
        </Button>
        <Button size="small" variant="secondary" disabled={setStatus.isPending} onClick={() => apply("rejected")}>
          Reject selected
        </Button>
        <Button size="small" disabled={setStatus.isPending} onClick={() => apply("approved")}>
          Approve selected
        </Button>
      </div>
    </div>
  )
}
