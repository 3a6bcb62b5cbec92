import { toastError } from "@keel/admin-ui"
import { Button, toast, usePrompt } from "@medusajs/ui"
import { AdminReview, ReviewStatus, useDeleteReview, useSetReviewStatus } from "../lib/reviews"

const DONE: Record<ReviewStatus, string> = {
  approved: "Review approved",
  rejected: "Review rejected",
  pending: "Review back in the queue",
  flagged: "Review flagged",
}

/** A row's own buttons; each row has its own mutations, so only its buttons wait. */
export const ReviewActions = ({ review, onReply }: { review: AdminReview; onReply: (review: AdminReview) => void }) => {
  const setStatus = useSetReviewStatus()
  const remove = useDeleteReview()
  const prompt = usePrompt()
  const busy = setStatus.isPending || remove.isPending

  const changeStatus = (status: ReviewStatus) =>
    setStatus.mutate(
      { ids: [review.id], status },
      { onSuccess: () => toast.success(DONE[status]), onError: toastError }
    )

  const onDelete = async () => {
    const confirmed = await prompt({
      title: "Delete review?",
      description: "The review, its photos and your reply leave the shop and this list. To keep it on record, reject it instead.",
      confirmText: "Delete",
      cancelText: "Cancel",
    })
    if (confirmed) {
      remove.mutate(review.id, {
        onSuccess: () => toast.success("Review deleted"),
        onError: toastError,
      })
    }
  }

  return (
    <div className="flex flex-wrap items-center justify-end gap-2">
      {review.status !== "approved" && (
        <Button size="small" variant="secondary" disabled={busy} onClick={() => changeStatus("approved")}>
          Approve
        </Button>
      )}
      {review.status !== "rejected" && (
        <Button size="small" variant="secondary" disabled={busy} onClick={() => changeStatus("rejected")}>
          Reject
        </Button>
      )}
      <Button size="small" variant="secondary" disabled={busy} onClick={() => onReply(review)}>
        Reply
      </Button>
      <Button size="small" variant="danger" disabled={busy} onClick={onDelete}>
        Delete
      </Button>
    </div>
  )
}
