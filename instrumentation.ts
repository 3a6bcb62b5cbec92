import { installFrontLane } from "./src/modules/keel-cache"
import { registerMediaTypes } from "./src/lib/media/mime"

/**
 * Loaded by `medusa start` before the HTTP server is created (Medusa's instrumentation
 * entry point). Asks for the catalog cache's front lane ahead of Express (src/modules/keel-cache,
 * on when its module options say so). To add OpenTelemetry, call Medusa's registerOtel here
 * before installFrontLane().
 */
export function register() {
  registerMediaTypes()
  installFrontLane()
}
