import { toastError } from "@keel/admin-ui"
import { Button, Drawer, Heading, Label, Text, Textarea, toast, usePrompt } from "@medusajs/ui"
import { FormEvent, useId, useState } from "react"
import { AdminReview, useRemoveReply, useReplyToReview } from "../lib/reviews"
import { formatDate } from "./format"
import { Stars } from "./stars"

type ReplyDrawerProps = {
  /** The review being answered; null closes the drawer. */
  review: AdminReview | null
  onClose: () => void
}

export const ReplyDrawer = ({ review, onClose }: ReplyDrawerProps) => (
  <Drawer open={!!review} onOpenChange={(open) => !open && onClose()}>
    <Drawer.Content>
      <Drawer.Header>
        <Drawer.Title asChild>
          <Heading>Reply to review</Heading>
        </Drawer.Title>
        <Drawer.Description className="text-ui-fg-subtle">Shoppers see your reply under the review on the product page.</Drawer.Description>
      </Drawer.Header>
      {/* Keyed so the field starts from each review's own reply. */}
      {review && <ReplyForm key={review.id} review={review} onDone={onClose} />}
    </Drawer.Content>
  </Drawer>
)

const ReplyForm = ({ review, onDone }: { review: AdminReview; onDone: () => void }) => {
  const id = useId()
  const [content, setContent] = useState(review.reply?.content ?? "")
  const [error, setError] = useState<string>()
  const save = useReplyToReview()
  const remove = useRemoveReply()
  const prompt = usePrompt()

  const onSubmit = (event: FormEvent) => {
    event.preventDefault()
    if (!content.trim()) {
      setError("Write a reply first.")
      return
    }
    save.mutate(
      { id: review.id, content: content.trim() },
      {
        onSuccess: () => {
          toast.success("Reply saved")
          onDone()
        },
        onError: toastError,
      }
    )
  }

  const onRemove = async () => {
    const confirmed = await prompt({
      title: "Remove reply?",
      description: "Shoppers will no longer see your answer under this review.",
      confirmText: "Remove",
      cancelText: "Cancel",
    })
    if (confirmed) {
      remove.mutate(review.id, {
        onSuccess: () => {
          toast.success("Reply removed")
          onDone()
        },
        onError: toastError,
      })
    }
  }

  return (
    <form className="flex flex-1 flex-col overflow-hidden" onSubmit={onSubmit} noValidate>
      <Drawer.Body className="flex flex-col gap-y-6 overflow-y-auto">
        <section aria-label="Review" className="flex flex-col gap-y-1">
          <Stars rating={review.rating} />
          {review.title && (
            <Text size="small" weight="plus" className="text-ui-fg-base">
              {review.title}
            </Text>
          )}
          <Text size="small" className="whitespace-pre-line break-words text-ui-fg-subtle">
            {review.content}
          </Text>
          <Text size="xsmall" className="text-ui-fg-muted">
            {review.author_name || "Anonymous"}, {formatDate(review.created_at)}
          </Text>
        </section>
        {review.reply && (
          <div className="flex items-center justify-between gap-x-2">
            <Text size="small" className="text-ui-fg-subtle">
              Replied on {formatDate(review.reply.created_at)}. Saving replaces that reply.
            </Text>
            <Button type="button" size="small" variant="secondary" isLoading={remove.isPending} onClick={onRemove}>
              Remove reply
            </Button>
          </div>
        )}
        <div className="flex flex-col gap-y-2">
          <Label htmlFor={id} size="small" weight="plus">
            Reply
          </Label>
          <Textarea
            id={id}
            rows={8}
            value={content}
            placeholder="Thank the shopper, answer their question, or explain what you changed."
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
            onChange={(event) => {
              setContent(event.target.value)
              setError(undefined)
            }}
          />
          {error && (
            <Text id={`${id}-error`} size="small" className="text-ui-fg-error" role="alert">
              {error}
            </Text>
          )}
        </div>
      </Drawer.Body>
      <Drawer.Footer>
        <Drawer.Close asChild>
          <Button type="button" size="small" variant="secondary">
            Cancel
          </Button>
        </Drawer.Close>
        <Button type="submit" size="small" isLoading={save.isPending}>
          Save reply
        </Button>
      </Drawer.Footer>
    </form>
  )
}
