/**
 * Review import, the pure part: reading a JSON or CSV file, mapping its rows (Keel's own
 * columns, or DummyJSON's products file) onto reviews, and checking each row. Nothing here
 * touches the database: products are resolved, duplicates looked up and reviews written by
 * `importReviewsWorkflow`.
 *
 * A file that cannot be read as a whole (bad JSON or CSV, the wrong shape, too many rows)
 * is refused with INVALID_DATA; a row that is wrong on its own is reported with its 1-based
 * number (the position of the review in the file: CSV rows after the header, JSON array
 * items, DummyJSON reviews product by product) and the other rows are imported.
 */
import { createHash } from "crypto"
import { parse as parseCsv } from "csv-parse/sync"
import { MedusaError } from "@medusajs/framework/utils"
import { inStorableYears, LOCALE_TAG as LOCALE, parseIsoDate } from "@keel/core"
import { moderate, type ModerationOptions } from "./moderation"
import type { ReviewInput } from "./types"

export const IMPORT_FORMATS = ["json", "csv"] as const
export const IMPORT_MAPPINGS = ["keel", "dummyjson"] as const
export type ImportFormat = (typeof IMPORT_FORMATS)[number]
export type ImportMapping = (typeof IMPORT_MAPPINGS)[number]
export type ImportStatus = "approved" | "pending"

/** Most rows one import may hold; a larger file is refused as a whole. */
export const MAX_IMPORT_ROWS = 10_000
const MAX_TITLE = 200
const MAX_AUTHOR = 200
const MAX_EXTERNAL_ID = 200
// A date a little ahead of the server's clock is a time zone, not a typo.
const FUTURE_TOLERANCE_MS = 24 * 60 * 60 * 1000

export type ImportRequest = {
  format: ImportFormat
  mapping: ImportMapping
  /** The file's text; for JSON also an already-parsed value. */
  data: unknown
}

export type ImportLimits = {
  maxContentLength: number
  /** The clock dates are checked against (tests fix it). */
  now?: Date
}

/** How a row names its product: Medusa's product id, its handle, or a variant's SKU. */
export type ImportProductKey = { by: "id" | "handle" | "sku"; value: string }

/** A row as the source gave it, in Keel's field names, before it is checked. */
export type ImportSourceRow = {
  /** 1-based position of the review in the file. */
  row: number
  product: ImportProductKey | null
  /** Why `product` is null, when the source says more than "missing". */
  product_error?: string
  rating?: unknown
  title?: unknown
  content?: unknown
  author_name?: unknown
  locale?: unknown
  created_at?: unknown
  external_id?: unknown
  /** Where the row sits in a nested source, for error messages ("product 12, review 2"). */
  context?: string
  /** A row that is not an object at all. */
  malformed?: string
}

/** A row that passed every check that needs no database. */
export type ImportRow = {
  row: number
  product: ImportProductKey
  rating: number
  title: string | null
  content: string
  author_name: string | null
  locale: string | null
  /** ISO 8601, or null when the source has no date (the import's time is used). */
  created_at: string | null
  external_id: string
}

export type ImportError = { row: number; message: string }

export type PreparedImport = { rows: ImportRow[]; errors: ImportError[] }

const invalid = (message: string) => new MedusaError(MedusaError.Types.INVALID_DATA, message)

function tooMany(): MedusaError {
  return invalid(`The file has more than ${MAX_IMPORT_ROWS.toLocaleString("en")} reviews: split it into smaller files.`)
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value)

// ---------------------------------------------------------------------------------------
// Reading the file
// ---------------------------------------------------------------------------------------

/** The JSON value of `data`: parsed when it is text, as given when it already is a value. */
export function readJson(data: unknown): unknown {
  if (typeof data !== "string") {
    return data
  }
  try {
    return JSON.parse(data.replace(/^\uFEFF/, ""))
  } catch (error) {
    throw invalid(`data is not valid JSON: ${(error as Error).message}`)
  }
}

/**
 * A CSV file's header (trimmed, as written) and records, as text. Rows with another number
 * of fields than the header are kept (each reported on its own later); a file that cannot be
 * split into records at all (an unclosed quote, a stray quote inside a field) is refused.
 */
export function readCsv(data: unknown): { header: string[]; records: string[][] } {
  if (typeof data !== "string") {
    throw invalid("For format csv, data must be the CSV file's text.")
  }
  let records: string[][]
  try {
    records = parseCsv(data, {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      // The header, the most rows allowed, and one more to notice a file that is too long.
      to: MAX_IMPORT_ROWS + 2,
    }) as string[][]
  } catch (error) {
    throw invalid(`data is not valid CSV: ${(error as Error).message}`)
  }
  if (!records.length) {
    throw invalid("The CSV file is empty: it needs a header row naming its columns.")
  }
  const [header, ...rows] = records
  if (rows.length > MAX_IMPORT_ROWS) {
    throw tooMany()
  }
  return { header: header.map((name) => name.trim()), records: rows }
}

// ---------------------------------------------------------------------------------------
// Mapping: the source's shape onto Keel's fields
// ---------------------------------------------------------------------------------------

const KEEL_FIELDS = ["product_id", "product_handle", "sku", "rating", "title", "content", "author_name", "locale", "created_at", "external_id"] as const
// DummyJSON's review fields, and the SKU of the product they belong to (CSV only).
const DUMMYJSON_CSV_FIELDS = ["sku", "rating", "comment", "date", "reviewerName"] as const

const asText = (value: unknown): string | null => {
  if (typeof value === "string") return value.trim() || null
  if (typeof value === "number" && Number.isFinite(value)) return String(value)
  return null
}

function keelProduct(fields: Record<string, unknown>): ImportProductKey | null {
  const id = asText(fields.product_id)
  if (id) return { by: "id", value: id }
  const handle = asText(fields.product_handle)
  if (handle) return { by: "handle", value: handle }
  const sku = asText(fields.sku)
  if (sku) return { by: "sku", value: sku }
  return null
}

/** A row in Keel's own columns; other fields are ignored. */
export function mapKeelRow(fields: unknown, row: number): ImportSourceRow {
  if (!isObject(fields)) {
    return { row, product: null, malformed: "the row is not an object of review fields" }
  }
  return {
    row,
    product: keelProduct(fields),
    rating: fields.rating,
    title: fields.title,
    content: fields.content,
    author_name: fields.author_name,
    locale: fields.locale,
    created_at: fields.created_at,
    external_id: fields.external_id,
  }
}

/** A DummyJSON review of the product with this SKU. The reviewer's e-mail is never read. */
export function mapDummyJsonReview(review: unknown, sku: unknown, row: number, context?: string): ImportSourceRow {
  const skuText = asText(sku)
  const product = skuText ? ({ by: "sku", value: skuText } as const) : null
  if (!isObject(review)) {
    return { row, product, context, malformed: "the review is not an object" }
  }
  return {
    row,
    product,
    product_error: skuText ? undefined : "the product has no sku",
    rating: review.rating,
    content: review.comment,
    author_name: review.reviewerName,
    created_at: review.date,
    context,
  }
}

function keelJsonRows(value: unknown): ImportSourceRow[] {
  const rows = Array.isArray(value) ? value : isObject(value) && Array.isArray(value.reviews) ? value.reviews : null
  if (!rows) {
    throw invalid('For mapping keel, data must be an array of reviews or { "reviews": [...] }.')
  }
  if (rows.length > MAX_IMPORT_ROWS) {
    throw tooMany()
  }
  return rows.map((fields, i) => mapKeelRow(fields, i + 1))
}

function dummyJsonRows(value: unknown): ImportSourceRow[] {
  // The products file (`{ products: [...] }`), its array, or one product.
  const products = isObject(value) && Array.isArray(value.products) ? value.products : Array.isArray(value) ? value : isObject(value) && "reviews" in value ? [value] : null
  if (!products) {
    throw invalid('For mapping dummyjson, data must be DummyJSON\'s products file: { "products": [{ "sku", "reviews": [...] }] }.')
  }
  const rows: ImportSourceRow[] = []
  products.forEach((product: unknown, p: number) => {
    if (!isObject(product)) {
      throw invalid(`products[${p}] is not a product object.`)
    }
    if (product.reviews == null) {
      return
    }
    if (!Array.isArray(product.reviews)) {
      throw invalid(`products[${p}].reviews is not an array.`)
    }
    const name = product.id != null ? `product ${String(product.id)}` : `products[${p}]`
    product.reviews.forEach((review: unknown, r: number) => {
      if (rows.length >= MAX_IMPORT_ROWS) {
        throw tooMany()
      }
      rows.push(mapDummyJsonReview(review, product.sku, rows.length + 1, `${name}, review ${r + 1}`))
    })
  })
  return rows
}

/** Header names matched to a mapping's fields (case and spaces aside); unknown columns are ignored. */
function csvColumns(header: string[], fields: readonly string[]): Map<string, number> {
  const known = new Map(fields.map((f) => [f.toLowerCase(), f]))
  const columns = new Map<string, number>()
  header.forEach((name, i) => {
    const field = known.get(name.toLowerCase())
    if (!field) return
    if (columns.has(field)) {
      throw invalid(`The CSV header names the column "${field}" twice.`)
    }
    columns.set(field, i)
  })
  return columns
}

function requireColumns(columns: Map<string, number>, required: string[][], mapping: ImportMapping, header: string[]) {
  const missing = required.filter((any) => !any.some((c) => columns.has(c))).map(([first, ...or]) => (or.length ? `${first} (or ${or.join(" or ")})` : first))
  if (missing.length) {
    throw invalid(
      `The CSV header is missing columns for mapping ${mapping}: ${missing.join(", ")}. ` +
        `Found: ${header.join(", ") || "nothing"}. Columns are separated by commas.`
    )
  }
}

function csvRows(data: unknown, mapping: ImportMapping): ImportSourceRow[] {
  const { header, records } = readCsv(data)
  const fields = mapping === "keel" ? KEEL_FIELDS : DUMMYJSON_CSV_FIELDS
  const columns = csvColumns(header, fields)
  requireColumns(columns, mapping === "keel" ? [["product_id", "product_handle", "sku"], ["rating"], ["content"]] : [["sku"], ["rating"], ["comment"]], mapping, header)

  const rows: ImportSourceRow[] = []
  records.forEach((record, i) => {
    const row = i + 1
    // A spreadsheet's trailing ",,,," lines are not reviews.
    if (record.every((value) => !value.trim())) {
      return
    }
    if (record.length !== header.length) {
      rows.push({ row, product: null, malformed: `the row has ${record.length} fields but the header has ${header.length} (a comma in an unquoted field?)` })
      return
    }
    const values = Object.fromEntries([...columns].map(([field, index]) => [field, record[index]]))
    rows.push(mapping === "keel" ? mapKeelRow(values, row) : mapDummyJsonReview(values, values.sku, row))
  })
  return rows
}

/** The file's rows in Keel's field names, unchecked. Throws INVALID_DATA when the file as a whole is unusable. */
export function readImportRows(request: ImportRequest): ImportSourceRow[] {
  if (!(IMPORT_FORMATS as readonly string[]).includes(request.format)) {
    throw invalid(`Unknown import format "${String(request.format)}": use ${IMPORT_FORMATS.join(" or ")}.`)
  }
  if (!(IMPORT_MAPPINGS as readonly string[]).includes(request.mapping)) {
    throw invalid(`Unknown import mapping "${String(request.mapping)}": use ${IMPORT_MAPPINGS.join(" or ")}.`)
  }
  if (request.format === "csv") {
    return csvRows(request.data, request.mapping)
  }
  const value = readJson(request.data)
  return request.mapping === "keel" ? keelJsonRows(value) : dummyJsonRows(value)
}

// ---------------------------------------------------------------------------------------
// Checking rows
// ---------------------------------------------------------------------------------------


/** A whole star rating from 1 to 5, from a number or its text ("4", "4.0"); null otherwise. */
export function parseRating(value: unknown): number | null {
  const n = typeof value === "number" ? value : typeof value === "string" && /^\s*[+-]?\d+(\.\d+)?\s*$/.test(value) ? Number(value) : NaN
  return Number.isInteger(n) && n >= 1 && n <= 5 ? n : null
}

/**
 * An ISO 8601 date or date-time as an ISO string; null when it is not one, names no real day or
 * lies outside the years PostgreSQL stores (@keel/core). A time without a zone is taken as UTC,
 * so the same file means the same instant on every server (and gets the same external ids).
 */
export function parseImportDate(value: string): string | null {
  const date = parseIsoDate(value.trim())
  return date && inStorableYears(date) ? date.toISOString() : null
}

function shown(value: unknown): string {
  const text = typeof value === "string" ? JSON.stringify(value) : String(value)
  return text.length > 40 ? `${text.slice(0, 37)}...` : text
}

const isBlank = (value: unknown) => value === undefined || value === null || (typeof value === "string" && !value.trim())

function productLabel(key: ImportProductKey): string {
  return key.by === "id" ? `id "${key.value}"` : key.by === "handle" ? `handle "${key.value}"` : `variant SKU "${key.value}"`
}

/** The message for a row naming a product that does not exist. */
export function unknownProductMessage(key: ImportProductKey): string {
  return `no product with ${productLabel(key)}`
}

/**
 * The id that makes importing the same row twice add it once: the source's own
 * `external_id` when it has one, otherwise a hash of what identifies the review.
 */
export function importExternalId(
  mapping: ImportMapping,
  row: Pick<ImportRow, "product" | "author_name" | "created_at" | "rating" | "content">
): string {
  const key = JSON.stringify([mapping, `${row.product.by}:${row.product.value}`, row.author_name ?? "", row.created_at ?? "", row.rating, row.content])
  return `import:${createHash("sha256").update(key).digest("hex").slice(0, 32)}`
}

/** One row checked: the review to import, or every reason it cannot be (in one message). */
export function checkImportRow(source: ImportSourceRow, mapping: ImportMapping, limits: ImportLimits): ImportRow | ImportError {
  const reasons: string[] = []
  const failure = () => ({ row: source.row, message: reasons.join("; ") + (source.context ? ` (${source.context})` : "") })
  if (source.malformed) {
    reasons.push(source.malformed)
    return failure()
  }

  if (!source.product) {
    reasons.push(source.product_error ?? (mapping === "keel" ? "the row names no product: give product_id, product_handle or sku" : "the row has no sku"))
  }

  const rating = parseRating(source.rating)
  if (rating === null) {
    reasons.push(isBlank(source.rating) ? "rating is missing" : `rating must be a whole number from 1 to 5 (got ${shown(source.rating)})`)
  }

  const content = asText(source.content)
  if (!isBlank(source.content) && typeof source.content !== "string" && typeof source.content !== "number") {
    reasons.push("content must be text")
  } else if (!content) {
    reasons.push("content is empty")
  } else if (content.length > limits.maxContentLength) {
    reasons.push(`content is longer than ${limits.maxContentLength} characters (${content.length})`)
  }

  const title = asText(source.title)
  if (title && title.length > MAX_TITLE) {
    reasons.push(`title is longer than ${MAX_TITLE} characters`)
  }
  const author = asText(source.author_name)
  if (author && author.length > MAX_AUTHOR) {
    reasons.push(`author_name is longer than ${MAX_AUTHOR} characters`)
  }
  const locale = asText(source.locale)
  if (locale && (locale.length > 35 || !LOCALE.test(locale))) {
    reasons.push(`locale must look like en or de-DE (got ${shown(source.locale)})`)
  }

  let createdAt: string | null = null
  if (!isBlank(source.created_at)) {
    createdAt = typeof source.created_at === "string" ? parseImportDate(source.created_at) : null
    if (!createdAt) {
      reasons.push(`date must be an ISO 8601 date such as 2025-04-30 or 2025-04-30T09:41:02Z (got ${shown(source.created_at)})`)
    } else if (new Date(createdAt).getTime() > (limits.now ?? new Date()).getTime() + FUTURE_TOLERANCE_MS) {
      reasons.push(`date ${createdAt} is in the future`)
    }
  }

  const ownId = asText(source.external_id)
  if (ownId && ownId.length > MAX_EXTERNAL_ID) {
    reasons.push(`external_id is longer than ${MAX_EXTERNAL_ID} characters`)
  }

  if (reasons.length || !source.product || rating === null || !content) {
    return failure()
  }
  const row = { row: source.row, product: source.product, rating, title, content, author_name: author, locale, created_at: createdAt }
  return { ...row, external_id: ownId ?? importExternalId(mapping, row) }
}

/**
 * The file read, mapped and checked: the rows that may be imported (their products still to
 * be found) and the errors of the others. Throws INVALID_DATA when the file as a whole is unusable.
 */
export function prepareImport(request: ImportRequest, limits: ImportLimits): PreparedImport {
  const rows: ImportRow[] = []
  const errors: ImportError[] = []
  for (const source of readImportRows(request)) {
    const checked = checkImportRow(source, request.mapping, limits)
    if ("message" in checked) {
      errors.push(checked)
    } else {
      rows.push(checked)
    }
  }
  return { rows, errors }
}

// ---------------------------------------------------------------------------------------
// After the database has had its say
// ---------------------------------------------------------------------------------------

/** Rows not imported before: neither in `existing` (already stored) nor repeating an earlier row of the file. */
export function withoutDuplicates<T extends { external_id: string }>(rows: T[], existing: Iterable<string>): { fresh: T[]; skipped: number } {
  const seen = new Set(existing)
  const fresh: T[] = []
  for (const row of rows) {
    if (!seen.has(row.external_id)) {
      seen.add(row.external_id)
      fresh.push(row)
    }
  }
  return { fresh, skipped: rows.length - fresh.length }
}

/**
 * The review an imported row becomes: unverified, with no customer, kept at the source's
 * date. Moderation's profanity, link and spam rules still apply (a hit is stored `flagged`);
 * otherwise it gets the status the import asked for.
 */
export function importedReview(
  row: ImportRow,
  target: { product_id: string; variant_id?: string | null },
  options: { status: ImportStatus; moderation: ModerationOptions }
): ReviewInput {
  const decision = moderate({ rating: row.rating, title: row.title, content: row.content, verified_purchase: false, locale: row.locale }, options.moderation)
  const flagged = decision.status === "flagged"
  return {
    product_id: target.product_id,
    variant_id: target.variant_id ?? null,
    customer_id: null,
    order_id: null,
    order_line_item_id: null,
    verified_purchase: false,
    rating: row.rating,
    title: row.title,
    content: row.content,
    author_name: row.author_name,
    status: flagged ? "flagged" : options.status,
    moderation_reason: flagged ? decision.reason : null,
    source: "import",
    locale: row.locale,
    external_id: row.external_id,
    ...(row.created_at ? { created_at: new Date(row.created_at) } : {}),
  }
}
