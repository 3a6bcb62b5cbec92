import crypto from "crypto"

/** A new secret token (guest lists, share links): 32 random bytes, base64url. */
export function newToken(): string {
  return crypto.randomBytes(32).toString("base64url")
}

/** Only hashes of tokens are stored: a leaked database does not open anyone's list. */
export function hashToken(token: string): string {
  return crypto.createHash("sha256").update(token).digest("hex")
}
