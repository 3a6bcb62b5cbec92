/**
 * What no Keel input may carry, whatever the field: a NUL character (PostgreSQL text cannot store
 * it, so it would fail deep inside a query) and a lone UTF-16 surrogate (not text at all: it
 * cannot be encoded as UTF-8, so PostgreSQL and every JSON consumer downstream refuse it).
 */

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

/** Why `value` cannot be stored as text, or null when it can. */
export function unstorableText(value: string): string | null {
  if (value.includes("\u0000")) return "contains a NUL character"
  if (LONE_SURROGATE.test(value)) return "contains a lone UTF-16 surrogate (not valid Unicode text)"
  return null
}

/** A client's string, made safe to put in an error message: bounded and quoted. */
export function quoted(value: string, max = 60): string {
  const short = value.length > max ? `${value.slice(0, max)}…` : value
  // JSON.stringify escapes control characters and lone surrogates, so the message itself stays valid text.
  return JSON.stringify(short)
}

/**
 * The first string or key in a JSON value that cannot be stored as text, with its path, or null.
 * Walks without recursion: a hostile body may nest thousands of levels.
 */
export function unstorableJson(value: unknown): { path: string; problem: string } | null {
  const stack: { value: unknown; path: string }[] = [{ value, path: "" }]
  while (stack.length) {
    const { value: item, path } = stack.pop()!
    if (typeof item === "string") {
      const problem = unstorableText(item)
      if (problem) return { path, problem }
    } else if (Array.isArray(item)) {
      item.forEach((entry, index) => stack.push({ value: entry, path: `${path}[${index}]` }))
    } else if (item !== null && typeof item === "object" && !Buffer.isBuffer(item)) {
      for (const [key, entry] of Object.entries(item as Record<string, unknown>)) {
        const keyPath = /^[A-Za-z_$][\w$]*$/.test(key) ? (path ? `${path}.${key}` : key) : `${path}[${quoted(key)}]`
        const problem = unstorableText(key)
        if (problem) return { path: keyPath, problem: `has a name that ${problem}` }
        stack.push({ value: entry, path: keyPath })
      }
    }
  }
  return null
}
