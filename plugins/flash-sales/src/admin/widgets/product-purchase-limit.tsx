import { ErrorState, LoadingState, sdk, toastError } from "@keel/admin-ui"
import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { AdminProduct, DetailWidgetProps } from "@medusajs/framework/types"
import { Badge, Button, Container, Heading, Input, Label, Text, toast } from "@medusajs/ui"
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { FormEvent, useEffect, useState } from "react"

type PurchaseLimit = {
  id: string
  product_id: string
  max_quantity: number
  starts_at: string | null
  ends_at: string | null
}

type PurchaseLimitResponse = { purchase_limit: PurchaseLimit | null }

const pad = (n: number) => String(n).padStart(2, "0")

// datetime-local inputs hold local wall-clock time without a zone.
const toLocalInput = (iso: string | null) => {
  if (!iso) return ""
  const d = new Date(iso)
  if (isNaN(d.getTime())) return ""
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`
}

const toIso = (value: string) => (value ? new Date(value).toISOString() : null)

const formatDate = (iso: string) => new Date(iso).toLocaleString()

const statusOf = (limit: PurchaseLimit) => {
  const now = Date.now()
  if (limit.starts_at && new Date(limit.starts_at).getTime() > now) return { label: "Scheduled", color: "blue" as const }
  if (limit.ends_at && new Date(limit.ends_at).getTime() <= now) return { label: "Ended", color: "grey" as const }
  return { label: "Active", color: "green" as const }
}

const windowOf = (limit: PurchaseLimit) =>
  [limit.starts_at && `from ${formatDate(limit.starts_at)}`, limit.ends_at && `until ${formatDate(limit.ends_at)}`]
    .filter(Boolean)
    .join(" ")

const validate = (max: string, startsAt: string, endsAt: string): string | null => {
  const n = Number(max)
  if (!max.trim() || !Number.isInteger(n) || n < 1) return "Max per customer must be a whole number of at least 1"
  if ((startsAt && isNaN(new Date(startsAt).getTime())) || (endsAt && isNaN(new Date(endsAt).getTime()))) {
    return "Enter valid dates"
  }
  if (startsAt && endsAt && new Date(endsAt).getTime() <= new Date(startsAt).getTime()) {
    return "End must be after start"
  }
  return null
}

const ProductPurchaseLimitWidget = ({ data: product }: DetailWidgetProps<AdminProduct>) => {
  const url = `/admin/products/${encodeURIComponent(product.id)}/purchase-limit`
  const queryKey = ["flash-sales", "purchase-limit", product.id]
  const queryClient = useQueryClient()

  const { data, isPending, error } = useQuery({
    queryKey,
    queryFn: () => sdk.client.fetch<PurchaseLimitResponse>(url),
  })
  const limit = data?.purchase_limit ?? null

  const [max, setMax] = useState("")
  const [startsAt, setStartsAt] = useState("")
  const [endsAt, setEndsAt] = useState("")
  const [formError, setFormError] = useState<string | null>(null)

  useEffect(() => {
    setMax(limit ? String(limit.max_quantity) : "")
    setStartsAt(toLocalInput(limit?.starts_at ?? null))
    setEndsAt(toLocalInput(limit?.ends_at ?? null))
  }, [limit?.id, limit?.max_quantity, limit?.starts_at, limit?.ends_at])

  const save = useMutation({
    mutationFn: (body: { max_quantity: number; starts_at: string | null; ends_at: string | null }) =>
      sdk.client.fetch<PurchaseLimitResponse>(url, { method: "POST", body }),
    onSuccess: (res) => {
      queryClient.setQueryData(queryKey, res)
      toast.success("Purchase limit saved")
    },
    onError: toastError,
  })

  const remove = useMutation({
    mutationFn: () => sdk.client.fetch<{ deleted: boolean }>(url, { method: "DELETE" }),
    onSuccess: () => {
      queryClient.setQueryData(queryKey, { purchase_limit: null })
      toast.success("Purchase limit removed")
    },
    onError: toastError,
  })

  const busy = save.isPending || remove.isPending

  const onSubmit = (e: FormEvent) => {
    e.preventDefault()
    const problem = validate(max, startsAt, endsAt)
    setFormError(problem)
    if (problem) return
    save.mutate({ max_quantity: Number(max), starts_at: toIso(startsAt), ends_at: toIso(endsAt) })
  }

  const status = limit ? statusOf(limit) : null
  const period = limit ? windowOf(limit) : ""

  return (
    <Container className="divide-y p-0" role="region" aria-label="Purchase limit">
      <div className="flex items-center justify-between px-6 py-4">
        <Heading level="h2">Purchase limit</Heading>
        {status && <Badge size="2xsmall" color={status.color}>{status.label}</Badge>}
      </div>
      {isPending ? (
        <LoadingState />
      ) : error ? (
        <ErrorState error={error} />
      ) : (
        <>
          <div className="flex flex-col gap-y-1 px-6 py-4" data-testid="purchase-limit-state">
            <Text size="small" weight="plus" leading="compact">
              {limit ? `Max ${limit.max_quantity} per customer` : "No limit"}
            </Text>
            {period && (
              <Text size="small" leading="compact" className="text-ui-fg-subtle">{period}</Text>
            )}
          </div>
          <form className="flex flex-col gap-y-3 px-6 py-4" onSubmit={onSubmit} noValidate>
            <div className="flex flex-col gap-y-1">
              <Label htmlFor="purchase-limit-max" size="small">Max per customer</Label>
              <Input id="purchase-limit-max" data-testid="purchase-limit-max" type="number" min={1} step={1}
                size="small" value={max} onChange={(e) => setMax(e.target.value)} aria-required="true"
                aria-invalid={formError?.startsWith("Max") || undefined} />
            </div>
            <div className="flex flex-col gap-y-1">
              <Label htmlFor="purchase-limit-starts" size="small">Starts (optional)</Label>
              <Input id="purchase-limit-starts" data-testid="purchase-limit-starts" type="datetime-local"
                size="small" value={startsAt} onChange={(e) => setStartsAt(e.target.value)} />
            </div>
            <div className="flex flex-col gap-y-1">
              <Label htmlFor="purchase-limit-ends" size="small">Ends (optional)</Label>
              <Input id="purchase-limit-ends" data-testid="purchase-limit-ends" type="datetime-local"
                size="small" value={endsAt} onChange={(e) => setEndsAt(e.target.value)} />
            </div>
            {formError && <Text size="small" className="text-ui-fg-error">{formError}</Text>}
            <div className="flex justify-end gap-x-2">
              {limit && (
                <Button type="button" size="small" variant="secondary" data-testid="purchase-limit-remove"
                  disabled={busy} isLoading={remove.isPending} onClick={() => remove.mutate()}>
                  Remove
                </Button>
              )}
              <Button type="submit" size="small" data-testid="purchase-limit-save" disabled={busy} isLoading={save.isPending}>
                Save
              </Button>
            </div>
          </form>
        </>
      )}
    </Container>
  )
}

export const config = defineWidgetConfig({
  zone: "product.details.side.after",
})

export default ProductPurchaseLimitWidget
