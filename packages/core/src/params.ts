import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { z } from "@medusajs/framework/zod"
import { id } from "./validation"

/**
 * A route middleware that checks the route's path parameters before the handler (or a query) sees
 * them: Medusa validates bodies and query strings, not `:id`. Without a shape, every parameter
 * must be an `id()` (1 to 128 characters of `A-Z a-z 0-9 _ - . : / ~ +`).
 */
export function validatePathParams(shape?: Record<string, z.ZodType>) {
  return function checkPathParams(req: MedusaRequest, _res: MedusaResponse, next: MedusaNextFunction) {
    const params = (req.params ?? {}) as Record<string, unknown>
    const schema = z.object(shape ?? Object.fromEntries(Object.keys(params).map((name) => [name, id()])))
    const parsed = schema.safeParse(params)
    if (parsed.success) return next()
    const issue = parsed.error.issues[0]
    const name = issue.path.map(String).join(".")
    const problem = issue.message.startsWith("Field '") ? issue.message.replace(/^Field '[^']*' /, "") : issue.message
    next(new MedusaError(MedusaError.Types.INVALID_DATA, `The path parameter '${name}' ${problem}`))
  }
}
