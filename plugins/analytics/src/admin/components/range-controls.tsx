import { Input, Label, Select } from "@medusajs/ui"
import { useId } from "react"
import { customRange, type DateRange, type Preset, PRESETS, presetRange, rangeDays, toDayString } from "../lib/range"

/** Period presets plus a custom from/to, as whole days. */
export const RangeControls = ({ range, onChange }: { range: DateRange; onChange: (range: DateRange) => void }) => {
  const presetId = useId()
  const fromId = useId()
  const toId = useId()
  const days = rangeDays(range)
  const today = toDayString(new Date())

  const choosePreset = (value: string) => {
    const preset = PRESETS.find((item) => item.value === value)
    if (preset) {
      onChange(presetRange(preset.value))
    }
  }
  const chooseDays = (from: string, to: string) => {
    const next = customRange(from, to)
    if (next) {
      onChange(next)
    }
  }

  return (
    <>
      <div className="flex flex-col gap-y-1">
        <Label htmlFor={presetId} size="xsmall" weight="plus">
          Period
        </Label>
        <Select size="small" value={range.preset} onValueChange={choosePreset}>
          <Select.Trigger id={presetId} className="w-[160px]" data-testid="range-preset">
            <Select.Value placeholder="Custom" />
          </Select.Trigger>
          <Select.Content>
            {PRESETS.map((preset) => (
              <Select.Item key={preset.value} value={preset.value}>
                {preset.label}
              </Select.Item>
            ))}
            <Select.Item value={"custom" satisfies Preset} disabled>
              Custom
            </Select.Item>
          </Select.Content>
        </Select>
      </div>
      <div className="flex flex-col gap-y-1">
        <Label htmlFor={fromId} size="xsmall" weight="plus">
          From
        </Label>
        <Input
          id={fromId}
          type="date"
          size="small"
          value={days.from}
          max={today}
          onChange={(event) => chooseDays(event.target.value, days.to)}
          data-testid="range-from"
        />
      </div>
      <div className="flex flex-col gap-y-1">
        <Label htmlFor={toId} size="xsmall" weight="plus">
          To
        </Label>
        <Input
          id={toId}
          type="date"
          size="small"
          value={days.to}
          max={today}
          onChange={(event) => chooseDays(days.from, event.target.value)}
          data-testid="range-to"
        />
      </div>
    </>
  )
}

/** The currencies with orders in the range (and the one the answer is in). */
export const CurrencySelect = ({
  value,
  currencies,
  onChange,
}: {
  value: string | undefined
  currencies: string[]
  onChange: (currency: string) => void
}) => {
  const id = useId()
  return (
    <div className="flex flex-col gap-y-1">
      <Label htmlFor={id} size="xsmall" weight="plus">
        Currency
      </Label>
      <Select size="small" value={value ?? ""} onValueChange={onChange} disabled={!currencies.length}>
        <Select.Trigger id={id} className="w-[110px]" data-testid="currency-select">
          <Select.Value placeholder="–" />
        </Select.Trigger>
        <Select.Content>
          {currencies.map((currency) => (
            <Select.Item key={currency} value={currency}>
              {currency.toUpperCase()}
            </Select.Item>
          ))}
        </Select.Content>
      </Select>
    </div>
  )
}
