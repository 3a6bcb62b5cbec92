import Medusa from "@medusajs/js-sdk"

/**
 * The admin API client for dashboard extensions, signed in with the dashboard's own session cookie.
 * `import.meta.env` is filled in by the plugin's admin build (vite), as for the plugin's own code.
 */
export const sdk = new Medusa({
  baseUrl: import.meta.env.VITE_BACKEND_URL || "/",
  debug: import.meta.env.DEV,
  auth: { type: "session" },
})
