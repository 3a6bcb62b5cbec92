import { Trash } from "@medusajs/icons"
import { Container, IconButton, Table, toast, usePrompt } from "@medusajs/ui"
import { UseMutationResult } from "@tanstack/react-query"
import { ReactNode } from "react"
import { EmptyState, ErrorState, LoadingState, toastError, useErrorToast } from "@keel/admin-ui"
import { AddForm } from "./add-form"
import { SectionHeader } from "./section-header"

type TuningListSectionProps<T extends { id: string }> = {
  /** The section's heading and the name of its region. */
  title: string
  description: string
  /** One entry in lower case ("stop word"), in the toasts, the delete prompt and each delete button's label. */
  noun: string
  /** The list query's state; `items` is undefined until it has loaded. */
  items: T[] | undefined
  isPending: boolean
  error: unknown
  loadErrorTitle: string
  empty: { title: string; description: string }
  form: { label: string; placeholder: string; submitText: string; validate: (value: string) => string | undefined }
  isAdding: boolean
  /** Saves the field's value and resolves to the new entry; a rejection's message is toasted. */
  add: (value: string) => Promise<T>
  column: string
  /** How an entry reads in the toasts, the delete prompt and its delete button's label. */
  nameOf: (item: T) => string
  renderItem: (item: T) => ReactNode
  /** The delete prompt's description, given the entry's name. */
  deleteDescription: (name: string) => string
  /** The delete mutation hook (e.g. useDeleteStopWord); each row has its own, so only its button waits. */
  useDelete: () => Pick<UseMutationResult<unknown, Error, string>, "mutate" | "isPending">
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1)

/** A list the merchant tunes the search with: an add form, then a table with a delete button per entry. */
export const TuningListSection = <T extends { id: string }>({
  title,
  description,
  noun,
  items,
  isPending,
  error,
  loadErrorTitle,
  empty,
  form,
  isAdding,
  add,
  column,
  ...row
}: TuningListSectionProps<T>) => {
  useErrorToast(error, loadErrorTitle)

  const onAdd = async (value: string) => {
    try {
      const item = await add(value)
      toast.success(`${capitalize(noun)} added: ${row.nameOf(item)}`)
      return true
    } catch (e) {
      // What the API answered, e.g. its 422 on a duplicate.
      toastError(e)
      return false
    }
  }

  return (
    <Container className="divide-y p-0" role="region" aria-label={title}>
      <SectionHeader title={title} description={description} />
      <AddForm {...form} isPending={isAdding} onAdd={onAdd} />
      {isPending ? (
        <LoadingState />
      ) : error ? (
        <ErrorState title={loadErrorTitle} error={error} />
      ) : !items?.length ? (
        <EmptyState title={empty.title} description={empty.description} />
      ) : (
        <Table>
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell>{column}</Table.HeaderCell>
              <Table.HeaderCell className="w-12" />
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {items.map((item) => (
              <TuningListRow key={item.id} item={item} noun={noun} {...row} />
            ))}
          </Table.Body>
        </Table>
      )}
    </Container>
  )
}

type TuningListRowProps<T extends { id: string }> = { item: T } & Pick<
  TuningListSectionProps<T>,
  "noun" | "nameOf" | "renderItem" | "deleteDescription" | "useDelete"
>

const TuningListRow = <T extends { id: string }>({
  item,
  noun,
  nameOf,
  renderItem,
  deleteDescription,
  useDelete,
}: TuningListRowProps<T>) => {
  const remove = useDelete()
  const prompt = usePrompt()
  const name = nameOf(item)

  const onDelete = async () => {
    const confirmed = await prompt({
      title: `Delete ${noun}?`,
      description: deleteDescription(name),
      confirmText: "Delete",
      cancelText: "Cancel",
    })
    if (!confirmed) {
      return
    }
    remove.mutate(item.id, {
      onSuccess: () => toast.success(`${capitalize(noun)} deleted: ${name}`),
      onError: (e) => toastError(e),
    })
  }

  return (
    <Table.Row>
      <Table.Cell>{renderItem(item)}</Table.Cell>
      <Table.Cell className="text-right">
        <IconButton
          size="small"
          variant="transparent"
          aria-label={`Delete ${noun} ${name}`}
          disabled={remove.isPending}
          onClick={onDelete}
        >
          <Trash />
        </IconButton>
      </Table.Cell>
    </Table.Row>
  )
}
