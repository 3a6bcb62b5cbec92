// The bench catalog: N products built from data/catalog.json's templates, each titled
// "<maker> <template title>" with a made-up maker word, so titles are unique and every
// template word recurs across thousands of products (as in a real catalog, where most
// words are shared and a few tell products apart). Deterministic for a given N.
import fs from "node:fs"
import path from "node:path"
import { fileURLToPath } from "node:url"

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..")

/** Small seeded PRNG (mulberry32), so the same N gives the same catalog and queries. */
export function random(seed) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export function loadTemplates() {
  return JSON.parse(fs.readFileSync(path.join(root, "data", "catalog.json"), "utf8"))
}

/** Distinct pronounceable maker words of 6-7 letters ("koravi", "tesulon"). */
function makers(count, next) {
  const consonants = "bdfgklmnprstvz"
  const vowels = "aeiou"
  const pick = (s) => s[Math.floor(next() * s.length)]
  const seen = new Set()
  while (seen.size < count) {
    let word = ""
    for (let i = 0; i < 3; i++) word += pick(consonants) + pick(vowels)
    if (next() < 0.5) word += pick("lnrst")
    seen.add(word)
  }
  return [...seen]
}

const capital = (w) => w[0].toUpperCase() + w.slice(1)
const slug = (s) => s.toLowerCase().normalize("NFD").replace(/\p{M}/gu, "").replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "")

/** Product i of the bench catalog (0 <= i < count). */
export function benchCatalog(count) {
  const { products: templates } = loadTemplates()
  const next = random(20261126)
  const makerWords = makers(Math.ceil(count / templates.length), next)
  const sentences = templates.flatMap((t) => t.description.split(/(?<=\.)\s+/))
  const products = []
  for (let i = 0; i < count; i++) {
    const template = templates[i % templates.length]
    const maker = makerWords[Math.floor(i / templates.length)]
    const title = `${capital(maker)} ${template.title}`
    const extra = sentences[Math.floor(next() * sentences.length)]
    const factor = 0.6 + next() * 0.9
    products.push({
      index: i,
      template,
      maker,
      title,
      handle: `${slug(title)}-${i}`,
      description: `${template.description} ${extra}`,
      variants: template.variants.slice(0, 2).map((variant, k) => ({
        title: variant.title,
        sku: `BENCH-${i}-${k}`,
        options: variant.options,
        prices: Object.fromEntries(
          Object.entries(variant.prices).map(([code, amount]) => [code, Math.round(amount * factor * 100) / 100])
        ),
      })),
    })
  }
  return products
}
