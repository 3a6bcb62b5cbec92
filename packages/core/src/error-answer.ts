import type { MedusaRequest } from "@medusajs/framework/http"

/**
 * A plugin's answer to an error it knows (a refusal of its own), for the app to compose into its
 * one error handler: Medusa takes one `errorHandler` per app, and a plugin is a guest there, so it
 * never sets it. `null` means "not mine": the app's next answer, then Medusa's handler, answer it.
 */
export type ErrorAnswer = (err: unknown, req: MedusaRequest) => Promise<{ status: number; body: unknown } | null>
