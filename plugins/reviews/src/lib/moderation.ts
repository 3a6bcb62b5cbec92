/**
 * What happens to a new or edited review before shoppers see it:
 * - profanity (a word list per language, extendable by the merchant) → `flagged`;
 * - links, e-mail addresses or repeated-character spam → `flagged`;
 * - otherwise a verified purchase rated at or above `autoApproveMinRating` → `approved`;
 * - everything else waits for the merchant → `pending`.
 */

export type ModerationOptions = {
  /** Verified reviews rated at least this are approved at once (default 4; 6 turns auto-approval off). */
  autoApproveMinRating: number
  /** Auto-approve only verified purchases (default true). */
  autoApproveVerifiedOnly: boolean
  /** Extra words per language ("en", "de", …; "*" for all), added to the built-in lists. */
  profanity: Record<string, string[]>
  /** Links allowed in a review before it is flagged (default 0). */
  maxLinks: number
}

export const DEFAULT_MODERATION: ModerationOptions = {
  autoApproveMinRating: 4,
  autoApproveVerifiedOnly: true,
  profanity: {},
  maxLinks: 0,
}

// Short built-in lists of words that always need a human look; merchants extend them per language.
const BUILT_IN: Record<string, string[]> = {
  en: ["fuck", "motherfucker", "shit", "bullshit", "bitch", "asshole", "bastard", "cunt", "wanker", "dickhead", "twat", "slut", "whore"],
  de: ["scheisse", "scheiße", "arschloch", "fotze", "wichser", "hurensohn", "fick", "ficken", "schlampe", "miststück"],
  fr: ["merde", "putain", "connard", "connasse", "salope", "enculé", "encule", "batard"],
  es: ["mierda", "puta", "cabron", "cabrón", "gilipollas", "coño", "joder", "pendejo"],
  it: ["cazzo", "merda", "stronzo", "vaffanculo", "puttana"],
  nl: ["kut", "klootzak", "godverdomme", "lul", "hoer"],
}

const SUFFIXES = ["", "s", "es", "ed", "er", "ers", "ing", "y", "ty", "en", "e"]

const LINK = /\b(?:https?:\/\/|www\.)\S+|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|net|org|io|co|biz|info|ru|cn|xyz|top|shop|de|fr|uk|nl|es|it|ly|gg|me)\b(?:\/\S*)?/gi
const EMAIL = /\b[^\s@]+@[^\s@]+\.[a-z]{2,}\b/i
const REPEATED = /(.)\1{9,}/u

function fold(text: string) {
  return text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase()
}

function wordsFor(locale: string | null | undefined, options: ModerationOptions): Set<string> {
  const language = (locale ?? "en").toLowerCase().split(/[-_]/)[0]
  const lists = [BUILT_IN.en, BUILT_IN[language] ?? [], options.profanity["*"] ?? [], options.profanity.en ?? [], options.profanity[language] ?? []]
  return new Set(lists.flat().map(fold))
}

export function containsProfanity(text: string, locale: string | null | undefined, options: ModerationOptions = DEFAULT_MODERATION): boolean {
  const words = wordsFor(locale, options)
  const tokens = fold(text).split(/[^\p{L}\p{N}]+/u).filter(Boolean)
  return tokens.some((token) => SUFFIXES.some((suffix) => token.endsWith(suffix) && words.has(token.slice(0, token.length - suffix.length))))
}

export function countLinks(text: string): number {
  return (text.match(LINK)?.length ?? 0) + (EMAIL.test(text) ? 1 : 0)
}

export type ModerationInput = {
  rating: number
  title?: string | null
  content: string
  verified_purchase: boolean
  locale?: string | null
}

export type ModerationResult = { status: "approved" | "pending" | "flagged"; reason: string | null }

export function moderate(review: ModerationInput, options: ModerationOptions = DEFAULT_MODERATION): ModerationResult {
  const text = `${review.title ?? ""}\n${review.content}`
  if (containsProfanity(text, review.locale, options)) {
    return { status: "flagged", reason: "profanity" }
  }
  if (countLinks(text) > options.maxLinks) {
    return { status: "flagged", reason: "links" }
  }
  if (REPEATED.test(text)) {
    return { status: "flagged", reason: "spam" }
  }
  const verifiedEnough = review.verified_purchase || !options.autoApproveVerifiedOnly
  if (verifiedEnough && review.rating >= options.autoApproveMinRating) {
    return { status: "approved", reason: null }
  }
  return { status: "pending", reason: review.verified_purchase ? "rating below auto-approval" : "not a verified purchase" }
}
