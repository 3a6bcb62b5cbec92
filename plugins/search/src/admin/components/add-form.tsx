import { Button, Input, Label, Text } from "@medusajs/ui"
import { FormEvent, useId, useState } from "react"

type AddFormProps = {
  label: string
  placeholder: string
  submitText: string
  isPending: boolean
  /** Checked before anything is sent: an error to show under the field, or nothing. */
  validate: (value: string) => string | undefined
  /** Saves the value; resolves false when it was not saved (the API's error is toasted). */
  onAdd: (value: string) => Promise<boolean>
}

/** One text field and an add button; the field keeps its value until it is saved. */
export const AddForm = ({ label, placeholder, submitText, isPending, validate, onAdd }: AddFormProps) => {
  const id = useId()
  const [value, setValue] = useState("")
  const [error, setError] = useState<string>()

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    const problem = validate(value)
    setError(problem)
    if (!problem && (await onAdd(value))) {
      setValue("")
    }
  }

  return (
    <form className="flex flex-col gap-y-2 px-6 py-4" onSubmit={submit} noValidate>
      <Label htmlFor={id} size="small" weight="plus">
        {label}
      </Label>
      <div className="flex items-center gap-x-2">
        <Input
          id={id}
          size="small"
          className="flex-1"
          placeholder={placeholder}
          value={value}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(event) => {
            setValue(event.target.value)
            setError(undefined)
          }}
        />
        <Button type="submit" size="small" variant="secondary" isLoading={isPending}>
          {submitText}
        </Button>
      </div>
      {error && (
        <Text id={`${id}-error`} size="small" className="text-ui-fg-error" role="alert">
          {error}
        </Text>
      )}
    </form>
  )
}
