import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import multer from "multer"
import { quoted } from "./text"

/**
 * Multipart uploads: parse errors are the client's (a truncated body, a missing boundary, a file
 * in a field the route does not read, too many or too large files) and answer 400, never 500.
 */

type MulterLike = Error & { name: string; code?: string; field?: string; storageErrors?: unknown[] }

const MULTER_MESSAGES: Record<string, string> = {
  LIMIT_PART_COUNT: "has too many parts",
  LIMIT_FILE_SIZE: "has a file that is too large",
  LIMIT_FILE_COUNT: "has too many files",
  LIMIT_FIELD_KEY: "has a field name that is too long",
  LIMIT_FIELD_VALUE: "has a field value that is too long",
  LIMIT_FIELD_COUNT: "has too many fields",
  LIMIT_UNEXPECTED_FILE: "has a file in a field this route does not read",
  MISSING_FIELD_NAME: "has a part without a field name",
}

/**
 * The 400 for an error multer (or busboy under it) raised while reading a multipart body, or
 * null when `error` is something else. multer marks every error it passes on from the body
 * (`storageErrors`); busboy's own refusals before reading (no boundary) are recognised by name.
 */
export function multipartError(error: unknown, limits = ""): MedusaError | null {
  if (!(error instanceof Error)) return null
  const e = error as MulterLike
  if (e.name === "MulterError") {
    const what = MULTER_MESSAGES[e.code ?? ""] ?? `could not be read (${e.message})`
    const field = e.field ? ` (field ${quoted(e.field)})` : ""
    return new MedusaError(MedusaError.Types.INVALID_DATA, `The multipart body ${what}${field}${limits}`)
  }
  if (Array.isArray(e.storageErrors) || /^(Multipart: |Malformed |Unexpected end of |Unsupported content type)/.test(e.message)) {
    return new MedusaError(MedusaError.Types.INVALID_DATA, `The multipart body is malformed: ${e.message}`)
  }
  return null
}

export type MultipartFilesOptions = {
  /** The form field that carries the files. */
  field: string
  maxFiles: number
  maxFileBytes: number
}

/**
 * A route middleware reading up to `maxFiles` files of `maxFileBytes` from the multipart field
 * `field` into memory (`req.files`), as Medusa's own upload route does; every parse error is a 400.
 * Register the route with `bodyParser: false`.
 */
export function multipartFiles({ field, maxFiles, maxFileBytes }: MultipartFilesOptions) {
  const parse = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: maxFileBytes, files: maxFiles, fields: 10, fieldSize: 10_000, parts: maxFiles + 10, fieldNameSize: 100 },
  }).array(field, maxFiles)
  const limits = ` (at most ${maxFiles} files of ${Math.round(maxFileBytes / 1024 / 1024)} MB in the field ${quoted(field)})`
  return function readMultipartFiles(req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) {
    parse(req as never, res as never, (error?: unknown) => {
      if (error) return next(multipartError(error, limits) ?? error)
      next()
    })
  }
}
