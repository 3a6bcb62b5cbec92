import crypto from "crypto"

/**
 * The storefront's anonymous session, one contract for every Keel part that reads it (the search
 * log, analytics): sent in this header on store API calls, and only ever stored as `sessionKey`.
 */
export const SESSION_HEADER = "x-keel-session-id"

/**
 * The session id as stored: the first 32 hex digits of the SHA-256 of the trimmed id, so a
 * storefront's own id (which may be a cookie value) is never kept. Blank is no session.
 */
export function sessionKey(raw: string | null | undefined): string | null {
  const value = raw?.trim()
  return value ? crypto.createHash("sha256").update(value).digest("hex").slice(0, 32) : null
}
