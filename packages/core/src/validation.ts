import { z } from "@medusajs/framework/zod"
import { unstorableJson, unstorableText } from "./text"

/**
 * Validation primitives for every Keel route, app and plugins alike. Each one refuses, with a
 * 400 naming the field, what would otherwise fail later in PostgreSQL or JavaScript and answer
 * 500: unbounded strings, NUL bytes, lone surrogates, dates PostgreSQL cannot store, `true`
 * taken for a date, numbers past what a column holds.
 */

/** Years that JavaScript's `toISOString()` and PostgreSQL both write and read as four digits. */
export const MIN_YEAR = 1
export const MAX_YEAR = 9999

/** Characters an id may hold: Medusa's `prefix_ULID` ids, file keys (`dir/name-123.png`), tokens (base64url). */
const ID_CHARACTERS = /^[A-Za-z0-9_.:/~+-]+$/
/** C0 controls and DEL, except tab, line feed and carriage return. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0001-\u0008\u000B\u000C\u000E-\u001F\u007F]/
const LINE_BREAK = /[\r\n\u2028\u2029]/

/**
 * A refusal that names its field, as Medusa's own messages do ("Field 'title' …"): Medusa passes a
 * custom issue's message through as it is, so the message has to carry the path itself. It aborts:
 * in zod 4 an object's own refinements otherwise still run, on the field's unchecked raw value
 * (a string where a Date was promised).
 */
export function fieldError(problem: string) {
  return { error: (issue: { path?: PropertyKey[] }) => `Field '${(issue.path ?? []).map(String).join(", ") || "value"}' ${problem}`, abort: true }
}

export type TextOptions = {
  /** Longest accepted, in UTF-16 code units after trimming. */
  max: number
  /** Shortest accepted after trimming (default 0). */
  min?: number
  /** Whether line breaks are allowed (review bodies, notes); default false. */
  multiline?: boolean
}

/**
 * Text a person typed: trimmed, at most `max` characters, no NUL, no lone surrogate, no control
 * characters (tab, and with `multiline` line breaks, are kept).
 */
export function text({ max, min = 0, multiline = false }: TextOptions) {
  return z
    .string({ error: "must be a string" })
    .trim()
    .min(min, min === 1 ? "must not be empty" : `must be at least ${min} characters`)
    .max(max, `must be at most ${max} characters`)
    .refine((value) => !value.includes("\u0000"), fieldError("contains a NUL character"))
    .refine((value) => unstorableText(value) === null, fieldError("contains a lone UTF-16 surrogate (not valid Unicode text)"))
    .refine((value) => !CONTROL.test(value), fieldError("must not contain control characters"))
    .refine((value) => multiline || !LINE_BREAK.test(value), fieldError("must be a single line"))
}

/** An id (`prod_01J…`, a file key, a token): 1 to `max` characters of `A-Z a-z 0-9 _ - . : / ~ +`. */
export function id({ max = 128 }: { max?: number } = {}) {
  return z
    .string({ error: "must be a string" })
    .min(1, "must not be empty")
    .max(max, `must be at most ${max} characters`)
    .refine((value) => ID_CHARACTERS.test(value), fieldError("may only contain letters, digits and _ - . : / ~ +"))
}

/** An ISO 4217 currency code (`eur`, `USD`), lower-cased. */
export function currencyCode() {
  return z
    .string({ error: "must be a currency code" })
    .refine((value) => /^[A-Za-z]{3}$/.test(value), fieldError("must be three letters (eur, usd)"))
    .transform((value) => value.toLowerCase())
}

/** A BCP 47 language tag as shops write them (`en`, `de-DE`, `zh_Hans`), at most 35 characters. */
export const LOCALE_TAG = /^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*$/
export function localeTag() {
  return z
    .string({ error: "must be a locale" })
    .max(35)
    .refine((value) => LOCALE_TAG.test(value), fieldError("must look like en or de-DE"))
}

/** `true` or `false` in a JSON body; never `"true"`, 1 or null. */
export function boolean() {
  return z.boolean({ error: "must be true or false" })
}

/** `true` or `false` in a query string (`?flag=true`), as a boolean. */
export function queryBoolean() {
  return z.enum(["true", "false"], { error: "must be true or false" }).transform((value) => value === "true")
}

export type IntegerOptions = { min: number; max: number }

/** A whole number from `min` to `max` in a JSON body (never a string, 1.5, 1e400 or NaN). */
export function integer({ min, max }: IntegerOptions) {
  return z
    .number({ error: "must be a number" })
    .int("must be a whole number")
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`)
}

/** A whole number from `min` to `max` in a query string (`?limit=20`): digits only, as a number. */
export function queryInteger({ min, max }: IntegerOptions) {
  return z
    .string({ error: "must be a whole number" })
    .refine((value) => /^-?\d{1,15}$/.test(value), fieldError("must be a whole number"))
    .transform(Number)
    .pipe(integer({ min, max }))
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i

function daysIn(year: number, month: number) {
  return new Date(Date.UTC(year, month, 0)).getUTCDate()
}

/** The instant an ISO 8601 date or date-time names, or null when it names none (2024-02-31, 25:00). */
export function parseIsoDate(value: string): Date | null {
  const match = ISO_DATE.exec(value)
  if (!match) return null
  const [year, month, day, hour = 0, minute = 0, second = 0] = match.slice(1, 7).map((part) => (part === undefined ? undefined : Number(part))) as number[]
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month) || hour > 23 || minute > 59 || second > 59) return null
  // A date-time without an offset is read as UTC, not in the server's time zone.
  const iso = value.replace(" ", "T").toUpperCase()
  const date = new Date(match[4] !== undefined && match[7] === undefined ? `${iso}Z` : iso)
  return Number.isNaN(date.getTime()) ? null : date
}

/** Whether PostgreSQL and JavaScript both write and read this instant's year as four digits. */
export function inStorableYears(date: Date): boolean {
  const year = date.getUTCFullYear()
  return year >= MIN_YEAR && year <= MAX_YEAR
}

/**
 * A date or date-time in ISO 8601 (`2026-12-04`, `2026-12-04T10:30:00Z`, with an offset), as a
 * Date, within years 1 to 9999 in UTC. Only strings: `true`, `0` and `null` are not dates.
 */
export function isoDate() {
  return z
    .string({ error: "must be an ISO 8601 date (2026-12-04 or 2026-12-04T10:30:00Z)" })
    .refine((value) => parseIsoDate(value.trim()) !== null, fieldError("must be an ISO 8601 date (2026-12-04 or 2026-12-04T10:30:00Z)"))
    .refine((value) => inStorableYears(parseIsoDate(value.trim()) ?? new Date(0)), fieldError(`must be a date in the years ${MIN_YEAR} to ${MAX_YEAR}`))
    .transform((value) => parseIsoDate(value.trim())!)
}

/** A JSON value (event properties, metadata) whose every string and key is storable text. */
export function storableJson<T extends z.ZodType>(schema: T) {
  return schema.refine((value) => unstorableJson(value) === null, {
    error: (issue: { path?: PropertyKey[]; input?: unknown }) => {
      const where = unstorableJson(issue.input)
      const field = [...(issue.path ?? []).map(String), ...(where ? [where.path] : [])].filter(Boolean).join(".")
      return `Field '${field || "value"}' ${where?.problem ?? "is not storable"}`
    },
  })
}
