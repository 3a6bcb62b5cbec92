import { installFrontCache } from "./src/lib/front-cache"
import { registerMediaTypes } from "./src/lib/media/mime"

/**
 * Loaded by `medusa start` before the HTTP server is created (Medusa's instrumentation
 * entry point). Puts the catalog cache's front lane ahead of Express; see front-cache.ts.
 * To add OpenTelemetry, call Medusa's registerOtel here before installFrontCache().
 */
export function register() {
  registerMediaTypes()
  installFrontCache()
}
