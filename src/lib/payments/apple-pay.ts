import fs from "fs"

/**
 * Apple Pay's domain association file, which Apple (through Stripe's domain registration)
 * fetches from the shop's domain at /.well-known/apple-developer-merchantid-domain-association
 * before Apple Pay shows in the Payment Element. APPLE_PAY_DOMAIN_ASSOCIATION_FILE is the
 * path of the file Stripe's dashboard gives (Settings → Payment methods → Apple Pay); it is
 * read once, then kept in memory.
 */
let cached: { file: string; body: Buffer } | undefined

export function applePayDomainAssociation(env: NodeJS.ProcessEnv = process.env): Buffer | undefined {
  const file = env.APPLE_PAY_DOMAIN_ASSOCIATION_FILE
  if (!file) {
    return undefined
  }
  if (cached?.file !== file) {
    try {
      cached = { file, body: fs.readFileSync(file) }
    } catch {
      return undefined
    }
  }
  return cached.body
}
