/**
 * Medusa serves local uploads at /static with Express's static middleware, whose type table
 * (send's mime 1.x) predates AVIF: .avif files would go out as application/octet-stream,
 * which browsers refuse for a `<source type="image/avif">`. This teaches it the type.
 */
export function registerMediaTypes() {
  try {
    const send = require(require.resolve("send", { paths: [require.resolve("express")] })) as {
      mime?: { define?: (map: Record<string, string[]>, force?: boolean) => void }
    }
    send.mime?.define?.({ "image/avif": ["avif"] }, true)
  } catch {
    // Another Express without send: nothing to teach.
  }
}
