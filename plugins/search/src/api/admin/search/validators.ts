import { z } from "@medusajs/framework/zod"
import { isoDate, queryInteger, text } from "@keel/core"
import { searchWords } from "../../../providers/keel-postgres/service"

/** A term as the search sees it: lower case, no accents, words separated by one space. */
const term = text({ max: 100 })
  .transform((value) => searchWords(value).join(" "))
  .refine((value) => value.length > 0, "must contain a letter or a digit")

export const AdminCreateSynonyms = z
  .object({
    terms: z
      .array(term)
      .min(2)
      .max(20)
      .transform((terms) => [...new Set(terms)])
      .refine((terms) => terms.length >= 2, "needs at least two different terms"),
  })
  .strict()
export type AdminCreateSynonymsType = z.infer<typeof AdminCreateSynonyms>

export const AdminCreateStopWord = z
  .object({ word: term.refine((value) => !value.includes(" "), "must be a single word") })
  .strict()
export type AdminCreateStopWordType = z.infer<typeof AdminCreateStopWord>

export const AdminSearchQueriesParams = z
  .object({
    from: isoDate().optional(),
    to: isoDate().optional(),
    limit: queryInteger({ min: 1, max: 200 }).default(20),
  })
  .strict()
  .refine((range) => !range.from || !range.to || range.from < range.to, "from must be before to")
export type AdminSearchQueriesParamsType = z.infer<typeof AdminSearchQueriesParams>
