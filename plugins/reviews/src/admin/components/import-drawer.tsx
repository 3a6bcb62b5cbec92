import { ArrowUpTray } from "@medusajs/icons"
import { toastError } from "@keel/admin-ui"
import { Button, Drawer, Heading, Label, Select, Text, Textarea, toast } from "@medusajs/ui"
import { FormEvent, useId, useState } from "react"
import { ImportFormat, ImportMapping, ImportReviewsResult, useImportReviews } from "../lib/reviews"

const FORMATS: { value: ImportFormat; label: string }[] = [
  { value: "json", label: "JSON" },
  { value: "csv", label: "CSV" },
]

const MAPPINGS: { value: ImportMapping; label: string }[] = [
  { value: "keel", label: "Keel" },
  { value: "dummyjson", label: "DummyJSON" },
]

/** The "Import" button and its drawer: paste JSON or CSV, see what was imported and which rows were refused. */
export const ImportReviews = () => {
  const [open, setOpen] = useState(false)
  return (
    <Drawer open={open} onOpenChange={setOpen}>
      <Drawer.Trigger asChild>
        <Button size="small" variant="secondary">
          <ArrowUpTray />
          Import
        </Button>
      </Drawer.Trigger>
      <Drawer.Content>
        <Drawer.Header>
          <Drawer.Title asChild>
            <Heading>Import reviews</Heading>
          </Drawer.Title>
          <Drawer.Description className="text-ui-fg-subtle">
            Paste reviews exported from another shop. Each row is checked on its own; the valid ones are imported.
          </Drawer.Description>
        </Drawer.Header>
        <ImportForm />
      </Drawer.Content>
    </Drawer>
  )
}

const ImportForm = () => {
  const id = useId()
  const [format, setFormat] = useState<ImportFormat>("json")
  const [mapping, setMapping] = useState<ImportMapping>("keel")
  const [data, setData] = useState("")
  const [result, setResult] = useState<ImportReviewsResult>()
  const importReviews = useImportReviews()

  const onSubmit = (event: FormEvent) => {
    event.preventDefault()
    if (!data.trim()) {
      toast.error("Paste the reviews to import first")
      return
    }
    importReviews.mutate(
      { format, mapping, data },
      {
        onSuccess: (answer) => {
          setResult(answer)
          toast.success(`${answer.imported ?? 0} reviews imported`)
        },
        onError: toastError,
      }
    )
  }

  return (
    <form className="flex flex-1 flex-col overflow-hidden" onSubmit={onSubmit} noValidate>
      <Drawer.Body className="flex flex-col gap-y-4 overflow-y-auto">
        <div className="grid grid-cols-2 gap-3">
          <ChoiceField id={`${id}-format`} label="Format" value={format} options={FORMATS} onChange={setFormat} />
          <ChoiceField id={`${id}-mapping`} label="Mapping" value={mapping} options={MAPPINGS} onChange={setMapping} />
        </div>
        <div className="flex flex-col gap-y-2">
          <Label htmlFor={`${id}-data`} size="small" weight="plus">
            Data
          </Label>
          <Textarea
            id={`${id}-data`}
            rows={12}
            className="font-mono"
            value={data}
            placeholder={format === "json" ? '[{ "product_id": "prod_…", "rating": 5, "content": "…" }]' : "product_id,rating,content"}
            onChange={(event) => setData(event.target.value)}
          />
        </div>
        {result && <ImportResult result={result} />}
      </Drawer.Body>
      <Drawer.Footer>
        <Drawer.Close asChild>
          <Button type="button" size="small" variant="secondary">
            Close
          </Button>
        </Drawer.Close>
        <Button type="submit" size="small" isLoading={importReviews.isPending}>
          Import reviews
        </Button>
      </Drawer.Footer>
    </form>
  )
}

type ChoiceFieldProps<T extends string> = {
  id: string
  label: string
  value: T
  options: { value: T; label: string }[]
  onChange: (value: T) => void
}

const ChoiceField = <T extends string>({ id, label, value, options, onChange }: ChoiceFieldProps<T>) => (
  <div className="flex flex-col gap-y-2">
    <Label htmlFor={id} size="small" weight="plus">
      {label}
    </Label>
    <Select size="small" value={value} onValueChange={(next) => onChange(next as T)}>
      <Select.Trigger id={id}>
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
  </div>
)

const ImportResult = ({ result }: { result: ImportReviewsResult }) => {
  const errors = result.errors ?? []
  return (
    <section aria-label="Import result" role="status" className="flex flex-col gap-y-2">
      <Text size="small" weight="plus">
        Imported {result.imported ?? 0}, skipped {result.skipped ?? 0}
      </Text>
      {errors.length > 0 && (
        <ul className="flex max-h-[240px] flex-col gap-y-1 overflow-y-auto">
          {errors.map((error, index) => (
            <li key={`${error.row}-${index}`}>
              <Text size="small" className="text-ui-fg-error">
                Row {error.row}: {error.message}
              </Text>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
