import Medusa from "@medusajs/js-sdk"

// The admin API client for dashboard extensions, signed in with the dashboard's own session cookie.
export const sdk = new Medusa({
  baseUrl: import.meta.env.VITE_BACKEND_URL || "/",
  debug: import.meta.env.DEV,
  auth: { type: "session" },
})
