import { EmptyState, ErrorState, LoadingState, toastError } from "@keel/admin-ui"
import { Badge, Button, Container, Heading, Table, Text, toast } from "@medusajs/ui"
import { useRetryNotification, useUndeliveredNotifications, type WishlistNotification } from "../lib/wishlists"

const KIND = { back_in_stock: "Back in stock", price_drop: "Price drop" } as const
const formatTime = (iso: string) => new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" })

/**
 * Alert notifications that have not reached the shopper: retried by the job with growing waits,
 * then given up on after about two days. The merchant sees why (the provider's answer) and can
 * try one again once the cause is fixed (an e-mail provider added, say).
 */
export const UndeliveredAlerts = () => {
  const { data, isPending, error } = useUndeliveredNotifications()
  const retry = useRetryNotification()

  const onRetry = (row: WishlistNotification) =>
    retry.mutate(row.id, {
      onSuccess: ({ notification }) =>
        notification.status === "sent" ? toast.success(`Sent to ${notification.to}`) : toast.error(`Not sent: ${notification.last_error ?? "unknown error"}`),
      onError: toastError,
    })

  return (
    <Container className="divide-y p-0" role="region" aria-label="Undelivered alerts">
      <div className="flex flex-col gap-y-1 px-6 py-4">
        <Heading level="h2">Undelivered alerts</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          Back-in-stock and price-drop notifications that could not be sent yet. Each is retried for about two days, then waits here.
        </Text>
      </div>
      {isPending ? (
        <LoadingState />
      ) : error ? (
        <ErrorState title="Could not load the undelivered alerts" error={error} />
      ) : !data.notifications.length ? (
        <EmptyState title="Every alert was delivered" description="Notifications that fail to send are listed here until they go out." />
      ) : (
        <Table>
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell>Alert</Table.HeaderCell>
              <Table.HeaderCell>To</Table.HeaderCell>
              <Table.HeaderCell>Status</Table.HeaderCell>
              <Table.HeaderCell>Last error</Table.HeaderCell>
              <Table.HeaderCell className="text-right">Attempts</Table.HeaderCell>
              <Table.HeaderCell />
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {data.notifications.map((row) => (
              <Table.Row key={row.id}>
                <Table.Cell>{KIND[row.kind]}</Table.Cell>
                <Table.Cell>{row.to}</Table.Cell>
                <Table.Cell>
                  {row.status === "dead" ? (
                    <Badge color="red" size="2xsmall">Given up</Badge>
                  ) : (
                    <Badge color="orange" size="2xsmall">{`Next try ${formatTime(row.next_attempt_at)}`}</Badge>
                  )}
                </Table.Cell>
                <Table.Cell className="max-w-[360px] truncate" title={row.last_error ?? undefined}>
                  {row.last_error ?? "—"}
                </Table.Cell>
                <Table.Cell className="text-right tabular-nums">{row.attempts}</Table.Cell>
                <Table.Cell className="text-right">
                  <Button size="small" variant="secondary" isLoading={retry.isPending && retry.variables === row.id} onClick={() => onRetry(row)}>
                    Retry now
                  </Button>
                </Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
    </Container>
  )
}
