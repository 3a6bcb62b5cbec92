import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { jwtVerify, SignJWT, errors } from "jose"

/** What a review link vouches for: this customer may review this product of this order. */
export type ReviewLinkClaims = { request_id: string; order_id: string; product_id: string; customer_id: string }

const AUDIENCE = "keel-review-request"

/** The key review links are signed with: the plugin's `reviewRequests.secret`, else the app's JWT secret. */
export function reviewLinkSecret(configured: string | undefined, resolve: (key: string) => unknown): string {
  if (configured) {
    return configured
  }
  const config = resolve(ContainerRegistrationKeys.CONFIG_MODULE) as { projectConfig?: { http?: { jwtSecret?: string } } }
  return config.projectConfig?.http?.jwtSecret ?? "supersecret"
}

export async function signReviewLink(claims: ReviewLinkClaims, secret: string, ttlSeconds: number): Promise<string> {
  return new SignJWT({ rr: claims.request_id, oid: claims.order_id, pid: claims.product_id })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(claims.customer_id)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + ttlSeconds)
    .sign(new TextEncoder().encode(secret))
}

export type VerifiedReviewLink = ReviewLinkClaims & { expires_at: Date }

/** The link's claims, or why it cannot be used ("expired" or "invalid"). */
export async function verifyReviewLink(token: string, secret: string): Promise<VerifiedReviewLink | "expired" | "invalid"> {
  try {
    const { payload } = await jwtVerify(token, new TextEncoder().encode(secret), { audience: AUDIENCE, algorithms: ["HS256"] })
    const { rr, oid, pid, sub, exp } = payload as { rr?: unknown; oid?: unknown; pid?: unknown; sub?: unknown; exp?: number }
    if (typeof rr !== "string" || typeof oid !== "string" || typeof pid !== "string" || typeof sub !== "string" || !exp) {
      return "invalid"
    }
    return { request_id: rr, order_id: oid, product_id: pid, customer_id: sub, expires_at: new Date(exp * 1000) }
  } catch (error) {
    return error instanceof errors.JWTExpired ? "expired" : "invalid"
  }
}
