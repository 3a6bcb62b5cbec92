import type { SearchTypes } from "@medusajs/framework/types"
import { searchValueToBoolean, searchValueToNumber } from "@medusajs/framework/utils"
import { DATE_SUFFIX, type IndexPlan, type PlannedField, fail, filterAttribute, isDate, isNumeric } from "./plan"

/**
 * The Search Module's filter tree compiled to a Meilisearch filter expression, with the
 * semantics of search-postgres: a value (or list) on an array field means "contains (any
 * of) it", `null` and `$exists: false` mean "absent", `$ne`/`$nin` keep documents without
 * the field. Field names and strings are always quoted and escaped, so no value can change
 * the expression's structure. Operators Meilisearch cannot express are refused.
 */

/** A double-quoted filter string: Meilisearch unescapes `\\` and `\"` inside quotes. */
export const quote = (value: string) => `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`

/** A number as a filter value; in exponent form ("1e+21") quoted, since "+" ends a bare word. */
export const numberLiteral = (value: number) => (/e/i.test(String(value)) ? quote(String(value)) : String(value))

// Without a plan (a delete after a restart, before the index was written or searched)
// any field is accepted as written; a Date value still goes to its epoch-ms sibling.
type Target = { planned?: PlannedField; path: string }

function literal(target: Target, value: unknown): string {
  const { planned, path } = target
  if (isNumeric(planned) || (!planned && value instanceof Date)) {
    const number = searchValueToNumber(value, isDate(planned) || !planned)
    if (number === undefined || !Number.isFinite(number)) {
      return fail(`Cannot filter "${path}" by ${JSON.stringify(value)}: a number${isDate(planned) ? " or a date" : ""} is expected`)
    }
    return numberLiteral(number)
  }
  if (planned?.type === "boolean") {
    return String(searchValueToBoolean(value))
  }
  if (typeof value === "string") {
    return quote(value)
  }
  if (value instanceof Date) {
    return quote(value.toISOString())
  }
  if (typeof value === "number" && Number.isFinite(value)) {
    return planned ? quote(String(value)) : numberLiteral(value)
  }
  if (typeof value === "boolean") {
    return planned ? quote(String(value)) : String(value)
  }
  return fail(`Cannot filter "${path}" by a value of type ${Array.isArray(value) ? "array" : typeof value}`)
}

const attribute = (target: Target, sample?: unknown) =>
  quote(target.planned ? filterAttribute(target.planned) : sample instanceof Date ? `${target.path}${DATE_SUFFIX}` : target.path)

/** The field is missing, null or (arrays) empty: what search-postgres treats as absent. */
function absent(target: Target) {
  const name = attribute(target)
  const empty = target.planned?.is_array ? ` OR ${name} IS EMPTY` : ""
  return `(${name} NOT EXISTS OR ${name} IS NULL${empty})`
}

function anyOf(target: Target, values: unknown[]) {
  const present = values.filter((value) => value !== null && value !== undefined)
  const parts: string[] = []
  if (present.length || values.length === 0) {
    const name = attribute(target, present[0])
    parts.push(
      present.length === 1
        ? `${name} = ${literal(target, present[0])}`
        : `${name} IN [${present.map((value) => literal(target, value)).join(", ")}]`
    )
  }
  if (present.length < values.length) {
    parts.push(absent(target))
  }
  return parts.length === 1 ? parts[0] : `(${parts.join(" OR ")})`
}

function comparison(target: Target, operator: string, value: unknown) {
  if (target.planned?.is_array) {
    fail(`Operator "${operator}" is not supported on array field "${target.path}"`)
  }
  if (target.planned ? !isNumeric(target.planned) : typeof value !== "number" && !(value instanceof Date)) {
    fail(`The Meilisearch provider compares numbers and dates only ("${target.path}")`)
  }
  return `${attribute(target, value)} ${operator} ${literal(target, value)}`
}

const COMPARISONS: Record<string, string> = { $gt: ">", $gte: ">=", $lt: "<", $lte: "<=" }

function fieldPredicate(path: string, raw: unknown, plan?: IndexPlan): string {
  const planned = plan?.fields.get(path)
  if (plan && !planned) {
    fail(`Unknown filter field "${path}" on the Meilisearch provider`)
  }
  if (planned && !(plan!.settings.filterableAttributes ?? []).includes(filterAttribute(planned))) {
    fail(`Field "${path}" is not filterable on the Meilisearch provider`)
  }
  const target: Target = { planned, path }
  // Shorthand: a value or a list, "equals any of" (on an array field: contains any of).
  if (raw === null || typeof raw !== "object" || Array.isArray(raw) || raw instanceof Date) {
    return anyOf(target, Array.isArray(raw) ? raw : [raw])
  }
  const operators = Object.entries(raw as Record<string, unknown>)
  if (!operators.length || operators.some(([key]) => !key.startsWith("$"))) {
    fail(`Filter field "${path}" takes a value, a list or an operator map`)
  }
  const list = (value: unknown) => (Array.isArray(value) ? value : [value])
  const parts = operators.map(([operator, value]) => {
    switch (operator) {
      case "$eq":
        return value === null || value === undefined ? absent(target) : anyOf(target, [value])
      case "$ne":
        return value === null || value === undefined ? `NOT ${absent(target)}` : `NOT ${anyOf(target, [value])}`
      case "$in":
        return anyOf(target, list(value))
      case "$nin":
        return `NOT ${anyOf(target, list(value))}`
      case "$gt":
      case "$gte":
      case "$lt":
      case "$lte":
        return comparison(target, COMPARISONS[operator], value)
      case "$exists":
        return value ? `NOT ${absent(target)}` : absent(target)
      case "$contains":
      case "$overlaps": {
        if (planned && !planned.is_array) {
          fail(`Operator ${operator} on "${path}" needs an array field`)
        }
        const values = list(value)
        if (!values.length) {
          fail(`Operator ${operator} on "${path}" needs at least one value`)
        }
        return operator === "$overlaps"
          ? anyOf(target, values)
          : `(${values.map((entry) => anyOf(target, [entry])).join(" AND ")})`
      }
      default:
        // $prefix and $like included: Meilisearch has no substring filter.
        return fail(`The Meilisearch provider does not support operator "${operator}" on "${path}"`)
    }
  })
  return parts.length === 1 ? parts[0] : `(${parts.join(" AND ")})`
}

export function toMeiliFilter(filters: SearchTypes.SearchFilters | undefined, plan?: IndexPlan): string | undefined {
  if (!filters) {
    return undefined
  }
  const compile = (branch: SearchTypes.SearchFilters): string | undefined => {
    if (!branch || typeof branch !== "object" || Array.isArray(branch)) {
      return fail("A filter group must be an object")
    }
    const parts: string[] = []
    for (const [key, value] of Object.entries(branch)) {
      if (key === "q" || value === undefined) {
        continue
      }
      if (key === "$and" || key === "$or") {
        if (!Array.isArray(value)) {
          fail(`${key} takes a list of filters`)
        }
        const nested = (value as SearchTypes.SearchFilters[]).map(compile).filter((part): part is string => !!part)
        if (nested.length) {
          parts.push(nested.length === 1 ? nested[0] : `(${nested.join(key === "$and" ? " AND " : " OR ")})`)
        }
        continue
      }
      if (key === "$not") {
        const nested = compile(value as SearchTypes.SearchFilters)
        if (nested) {
          parts.push(`NOT ${nested}`)
        }
        continue
      }
      parts.push(fieldPredicate(key, value, plan))
    }
    if (!parts.length) {
      return undefined
    }
    return parts.length === 1 ? parts[0] : `(${parts.join(" AND ")})`
  }
  return compile(filters)
}
