import { Button, Input, Label, Select } from "@medusajs/ui"
import { ReactNode, useId } from "react"
import { QueueFilters, StatusFilter } from "./use-queue-filters"

const STATUS_OPTIONS: { value: StatusFilter; label: string }[] = [
  { value: "pending", label: "Pending" },
  { value: "flagged", label: "Flagged" },
  { value: "approved", label: "Approved" },
  { value: "rejected", label: "Rejected" },
  { value: "all", label: "All" },
]

const RATING_OPTIONS = [
  { value: "any", label: "Any" },
  ...[5, 4, 3, 2, 1].map((stars) => ({ value: String(stars), label: stars === 1 ? "1 star" : `${stars} stars` })),
]

type ReviewFiltersProps = {
  filters: QueueFilters
  onChange: (change: Partial<QueueFilters>) => void
  isFiltered: boolean
  onReset: () => void
}

export const ReviewFilters = ({ filters, onChange, isFiltered, onReset }: ReviewFiltersProps) => (
  <div className="flex flex-wrap items-end gap-3 px-6 py-4" role="group" aria-label="Filters">
    <SelectField
      label="Status"
      value={filters.status}
      options={STATUS_OPTIONS}
      onChange={(status) => onChange({ status: status as StatusFilter })}
    />
    <SelectField label="Rating" value={filters.rating} options={RATING_OPTIONS} onChange={(rating) => onChange({ rating })} />
    {/* Keyed on the applied value so clearing the filters empties the field too. */}
    <ProductIdField key={filters.productId} value={filters.productId} onCommit={(productId) => onChange({ productId })} />
    <Field label="Created after">
      {(id) => (
        <Input
          id={id}
          type="date"
          size="small"
          value={filters.createdAfter}
          max={filters.createdBefore || undefined}
          onChange={(event) => onChange({ createdAfter: event.target.value })}
        />
      )}
    </Field>
    <Field label="Created before">
      {(id) => (
        <Input
          id={id}
          type="date"
          size="small"
          value={filters.createdBefore}
          min={filters.createdAfter || undefined}
          onChange={(event) => onChange({ createdBefore: event.target.value })}
        />
      )}
    </Field>
    {isFiltered && (
      <Button size="small" variant="transparent" onClick={onReset}>
        Clear filters
      </Button>
    )}
  </div>
)

const Field = ({ label, children }: { label: string; children: (id: string) => ReactNode }) => {
  const id = useId()
  return (
    <div className="flex flex-col gap-y-1">
      <Label htmlFor={id} size="xsmall" weight="plus">
        {label}
      </Label>
      {children(id)}
    </div>
  )
}

type SelectFieldProps = {
  label: string
  value: string
  options: { value: string; label: string }[]
  onChange: (value: string) => void
}

const SelectField = ({ label, value, options, onChange }: SelectFieldProps) => (
  <Field label={label}>
    {(id) => (
      <Select size="small" value={value} onValueChange={onChange}>
        <Select.Trigger id={id} className="w-[140px]">
          <Select.Value />
        </Select.Trigger>
        <Select.Content>
          {options.map((option) => (
            <Select.Item key={option.value} value={option.value}>
              {option.label}
            </Select.Item>
          ))}
        </Select.Content>
      </Select>
    )}
  </Field>
)

/** Applied on Enter or when the field loses focus, not on every keystroke. */
const ProductIdField = ({ value, onCommit }: { value: string; onCommit: (value: string) => void }) => {
  const commit = (next: string) => {
    if (next.trim() !== value) {
      onCommit(next.trim())
    }
  }
  return (
    <Field label="Product ID">
      {(id) => (
        <Input
          id={id}
          size="small"
          className="w-[220px]"
          placeholder="prod_…"
          defaultValue={value}
          onBlur={(event) => commit(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === "Enter") {
              commit(event.currentTarget.value)
            }
          }}
        />
      )}
    </Field>
  )
}
