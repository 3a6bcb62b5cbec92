import diagnostics from "node:diagnostics_channel"
import type { IncomingMessage, ServerResponse } from "node:http"
import { IMAGE_TYPES_BY_EXTENSION } from "@keel/core/media"

/**
 * Uploaded files as the server serves them from /static (Medusa's local file provider, served
 * by Express's static middleware before any route or middleware of the app): every answer says
 * `X-Content-Type-Options: nosniff` and carries a Content-Security-Policy that runs no script
 * (`sandbox`, nothing loaded), so a file is never a page that acts with the admin's session. A
 * file whose name is not one of the image types Keel stores (a file from before every upload was
 * decoded, an export) is sent as a download (`Content-Disposition: attachment`,
 * `application/octet-stream`), never shown. The same headers on a CDN: README, "Security".
 */

export const UPLOADS_PATH = "/static/"
export const UPLOAD_CSP = "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; sandbox"

/** The headers an uploaded file at this URL path is served with. */
export function uploadHeaders(urlPath: string): Record<string, string> {
  const name = urlPath.split("?")[0].split("/").pop() ?? ""
  const extension = name.includes(".") ? name.slice(name.lastIndexOf(".") + 1).toLowerCase() : ""
  const headers: Record<string, string> = { "X-Content-Type-Options": "nosniff", "Content-Security-Policy": UPLOAD_CSP }
  if (!IMAGE_TYPES_BY_EXTENSION[extension]) {
    headers["Content-Type"] = "application/octet-stream"
    headers["Content-Disposition"] = "attachment"
  }
  return headers
}

let installed = false

/**
 * Sets those headers on every /static answer of this process's HTTP servers, as each request
 * arrives (Node's `http.server.request.start` diagnostics channel): Medusa registers its static
 * middleware before anything the app can, and Express's static files keep a Content-Type already set.
 */
export function installUploadHeaders() {
  if (installed) return
  installed = true
  diagnostics.subscribe("http.server.request.start", (message) => {
    const { request, response } = message as { request: IncomingMessage; response: ServerResponse }
    if (!request.url?.startsWith(UPLOADS_PATH)) return
    for (const [name, value] of Object.entries(uploadHeaders(request.url))) response.setHeader(name, value)
  })
}
