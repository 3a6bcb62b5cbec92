// The page's date range: a preset, or a custom span of whole days. Ranges are [from, to) in ISO 8601;
// `to` is the moment the range was chosen when it ends today, so the query key stays put between renders.

export const PRESETS = [
  { value: "today", label: "Today", days: 1 },
  { value: "7d", label: "Last 7 days", days: 7 },
  { value: "30d", label: "Last 30 days", days: 30 },
  { value: "90d", label: "Last 90 days", days: 90 },
] as const

export type Preset = (typeof PRESETS)[number]["value"] | "custom"

export type DateRange = { preset: Preset; from: string; to: string }

const pad = (value: number) => String(value).padStart(2, "0")

/** A Date as the local "YYYY-MM-DD" an `<input type="date">` holds. */
export const toDayString = (date: Date) => `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`

/** Local midnight of a "YYYY-MM-DD" day, or null when it is not one (or before 1970). */
export function parseDay(day: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day)
  if (!match) {
    return null
  }
  const [year, month, dayOfMonth] = [Number(match[1]), Number(match[2]), Number(match[3])]
  // A year typed digit by digit passes through "0002", "0020"…: only take plausible ones.
  if (year < 1970) {
    return null
  }
  const date = new Date(year, month - 1, dayOfMonth)
  return Number.isNaN(date.getTime()) || date.getMonth() !== month - 1 ? null : date
}

const startOfDay = (date: Date) => new Date(date.getFullYear(), date.getMonth(), date.getDate())
const addDays = (date: Date, days: number) => new Date(date.getFullYear(), date.getMonth(), date.getDate() + days)

/** The last `days` calendar days, today included, up to now. */
export function presetRange(preset: Exclude<Preset, "custom">, now = new Date()): DateRange {
  const days = PRESETS.find((item) => item.value === preset)?.days ?? 30
  return { preset, from: addDays(startOfDay(now), 1 - days).toISOString(), to: now.toISOString() }
}

/** Whole days from `fromDay` through `toDay` (swapped if reversed), ending now at the latest. */
export function customRange(fromDay: string, toDay: string, now = new Date()): DateRange | null {
  const first = parseDay(fromDay)
  const last = parseDay(toDay)
  if (!first || !last) {
    return null
  }
  const [start, end] = first <= last ? [first, last] : [last, first]
  const endExclusive = addDays(end, 1)
  const to = endExclusive > now ? now : endExclusive
  return { preset: "custom", from: start.toISOString(), to: (to < start ? endExclusive : to).toISOString() }
}

/** The days the date inputs show for a range: its first day, and the day its last moment falls on. */
export function rangeDays(range: DateRange): { from: string; to: string } {
  return {
    from: toDayString(new Date(range.from)),
    to: toDayString(new Date(new Date(range.to).getTime() - 1)),
  }
}
