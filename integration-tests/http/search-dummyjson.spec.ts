import fs from "fs"
import path from "path"
import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules, ProductStatus } from "@medusajs/framework/utils"
import {
  createProductCategoriesWorkflow,
  createProductTagsWorkflow,
  createProductsWorkflow,
} from "@medusajs/medusa/core-flows"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { searchWords, typoDistance } from "@keel/search/providers/keel-postgres"
import { waitForQuietIndex } from "../helpers/search-index"
import { catalog, seedShop, storeHeaders } from "../helpers/shop"

/**
 * Product search against a catalog nobody here wrote: DummyJSON's 194 products (MIT,
 * github.com/Ovi/DummyJSON), kept outside the repository in ../shared/datasets. Each
 * product is looked for by its title, a prefix of it and its longest word misspelt once
 * and twice; recall@5 is measured per kind of query.
 */

jest.setTimeout(300_000)

const ROOT = path.resolve(__dirname, "../..")
const DATASET = path.resolve(ROOT, "../shared/datasets/dummyjson/products.json")
const IMPORT_BATCH = 50
const CONCURRENT_QUERIES = 8
const TOP = 5

type DummyProduct = {
  id: number
  title: string
  description: string
  category: string
  price: number
  tags: string[]
  brand?: string
  sku: string
}

/** The fields the import uses, checked: the file is a fixture from elsewhere. */
function readDataset(file: string): DummyProduct[] {
  const raw: unknown = JSON.parse(fs.readFileSync(file, "utf8"))
  const list = Array.isArray(raw) ? raw : (raw as { products?: unknown })?.products
  if (!Array.isArray(list)) {
    throw new Error(`${file}: expected an array of products`)
  }
  return list.map((item, i) => {
    const p = item as Record<string, unknown>
    const ok =
      typeof p.id === "number" &&
      typeof p.title === "string" &&
      p.title.trim() !== "" &&
      typeof p.description === "string" &&
      typeof p.category === "string" &&
      typeof p.price === "number" &&
      typeof p.sku === "string" &&
      (p.brand === undefined || typeof p.brand === "string") &&
      (p.tags === undefined || (Array.isArray(p.tags) && p.tags.every((t) => typeof t === "string")))
    if (!ok) {
      throw new Error(`${file}: product #${i} lacks a field the import needs`)
    }
    return {
      id: p.id as number,
      title: (p.title as string).trim(),
      description: p.description as string,
      category: p.category as string,
      price: p.price as number,
      tags: (p.tags as string[] | undefined) ?? [],
      brand: (p.brand as string | undefined) || undefined,
      sku: p.sku as string,
    }
  })
}

const slugify = (text: string) =>
  text
    .toLowerCase()
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")

const titleCase = (slug: string) => slug.split("-").map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(" ")

/** Keys next to each letter on a QWERTY keyboard (the one to the right, or left at a row's end). */
const KEY_ROWS = ["qwertyuiop", "asdfghjkl", "zxcvbnm"]
function neighbourKey(letter: string) {
  const row = KEY_ROWS.find((r) => r.includes(letter))
  if (!row) {
    return letter === "a" ? "s" : "a"
  }
  const at = row.indexOf(letter)
  return at < row.length - 1 ? row[at + 1] : row[at - 1]
}

type Edit = "swap" | "drop" | "substitute"
const EDITS: Edit[] = ["swap", "drop", "substitute"]

function applyEdit(word: string, edit: Edit, at: number) {
  switch (edit) {
    case "swap":
      return word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2)
    case "drop":
      return word.slice(0, at) + word.slice(at + 1)
    case "substitute":
      return word.slice(0, at) + neighbourKey(word[at]) + word.slice(at + 1)
  }
}

/**
 * Deterministic slips, the kind rotating with `seed`: one in the middle of the word, a
 * second one towards its end. Never on the first letter, never a no-op (a swap of two equal
 * letters moves on), and a second slip that would undo or merge with the first moves on too.
 */
function typos(word: string, count: 1 | 2, seed: number) {
  const edit = (w: string, kind: Edit, at: number) => {
    let position = at
    while (kind === "swap" && w[position] === w[position + 1] && position + 2 < w.length) {
      position++
    }
    return applyEdit(w, kind, position)
  }
  const first = EDITS[seed % EDITS.length]
  const once = edit(word, first, Math.max(1, Math.floor(word.length / 2) - (first === "swap" ? 1 : 0)))
  if (count === 1) {
    return once
  }
  const second = EDITS[(seed + 1) % EDITS.length]
  for (let at = once.length - 2; at >= 1; at--) {
    const twice = edit(once, second, at)
    if (typoDistance(word, twice) === 2) {
      return twice
    }
  }
  return once
}

type Kind = "exact" | "prefix" | "one typo" | "two typos" | "two typos, 5 letters"
type Probe = { handle: string; kind: Kind; query: string }
const REQUIRED: Partial<Record<Kind, number>> = { exact: 0.98, prefix: 0.95, "one typo": 0.95, "two typos": 0.9 }
// Keel's provider corrects one typo from 4 letters and two from 6 (README, Product search):
// a second typo in a 5-letter word is outside that promise, so it is measured, not required.
const KINDS: Kind[] = ["exact", "prefix", "one typo", "two typos", "two typos, 5 letters"]
const TWO_TYPOS_FROM = 6

/** The queries for one product; a kind the title cannot give (no word to misspell) is left out. */
function queriesFor(product: DummyProduct & { handle: string }, seed: number): Probe[] {
  const probes: Probe[] = [{ handle: product.handle, kind: "exact", query: product.title }]
  // Search-as-you-type: the title with the end of its last word (4+ characters) not typed yet.
  const words = searchWords(product.title)
  const last = words[words.length - 1]
  if (last.length >= 4) {
    const keep = last.length - Math.max(1, Math.floor(last.length / 3))
    probes.push({ handle: product.handle, kind: "prefix", query: [...words.slice(0, -1), last.slice(0, keep)].join(" ") })
  }
  // The longest word of 5+ letters: the one a shopper is likeliest to get wrong.
  const word = words
    .filter((w) => /^[a-z]+$/.test(w) && w.length >= 5)
    .reduce<string | undefined>((best, w) => (!best || w.length > best.length ? w : best), undefined)
  if (word) {
    const at = words.indexOf(word)
    const twoTypos: Kind = word.length >= TWO_TYPOS_FROM ? "two typos" : "two typos, 5 letters"
    for (const [kind, count] of [["one typo", 1], [twoTypos, 2]] as const) {
      const typed = typos(word, count, seed)
      expect([word, typed, typoDistance(word, typed)]).toEqual([word, typed, count])
      probes.push({ handle: product.handle, kind, query: words.map((w, i) => (i === at ? typed : w)).join(" ") })
    }
  }
  return probes
}

async function importDataset(container: MedusaContainer, products: DummyProduct[], salesChannelId: string) {
  const productModule = container.resolve(Modules.PRODUCT)

  const categoryHandles = [...new Set(products.map((p) => p.category))]
  const existingCategories = await productModule.listProductCategories({ handle: categoryHandles }, { take: null })
  const categoryIds = new Map(existingCategories.map((c) => [c.handle, c.id]))
  const missingCategories = categoryHandles.filter((handle) => !categoryIds.has(handle))
  if (missingCategories.length) {
    const { result } = await createProductCategoriesWorkflow(container).run({
      input: {
        product_categories: missingCategories.map((handle) => ({ handle, name: titleCase(handle), is_active: true })),
      },
    })
    result.forEach((c) => categoryIds.set(c.handle, c.id))
  }

  // The brand is a tag: Medusa has no brand, and a product's type is what it is, not who made it.
  const tagValues = [...new Set(products.flatMap((p) => [...p.tags, ...(p.brand ? [p.brand] : [])]))]
  const existingTags = await productModule.listProductTags({ value: tagValues }, { take: null })
  const tagIds = new Map(existingTags.map((t) => [t.value, t.id]))
  const missingTags = tagValues.filter((value) => !tagIds.has(value))
  if (missingTags.length) {
    const { result } = await createProductTagsWorkflow(container).run({
      input: { product_tags: missingTags.map((value) => ({ value })) },
    })
    result.forEach((t) => tagIds.set(t.value, t.id))
  }

  // Handles are unique: a repeated title (the file has one) gets the source id appended.
  const taken = new Set<string>()
  const withHandles = products.map((p) => {
    const slug = slugify(p.title) || `dummyjson-${p.id}`
    const handle = taken.has(slug) ? `${slug}-${p.id}` : slug
    taken.add(handle)
    return { ...p, handle }
  })

  for (let i = 0; i < withHandles.length; i += IMPORT_BATCH) {
    await createProductsWorkflow(container).run({
      input: {
        products: withHandles.slice(i, i + IMPORT_BATCH).map((p) => ({
          title: p.title,
          description: p.description,
          handle: p.handle,
          status: ProductStatus.PUBLISHED,
          category_ids: [categoryIds.get(p.category)!],
          tag_ids: [...new Set([...p.tags, ...(p.brand ? [p.brand] : [])])].map((value) => tagIds.get(value)!),
          // Medusa's admin names a product's only option and variant this way.
          options: [{ title: "Default option", values: ["Default option value"] }],
          variants: [
            {
              title: "Default variant",
              sku: p.sku,
              options: { "Default option": "Default option value" },
              manage_inventory: false,
              prices: [
                { currency_code: "usd", amount: p.price },
                { currency_code: "eur", amount: p.price },
              ],
            },
          ],
          sales_channels: [{ id: salesChannelId }],
          metadata: { dummyjson_id: p.id },
        })),
      },
    })
  }
  return withHandles
}

const present = fs.existsSync(DATASET)

if (!present) {
  if (process.env.CI === "true") {
    it("has the DummyJSON catalog to search", () => {
      throw new Error(`${DATASET} is missing (required under CI)`)
    })
  } else {
    console.log(`search-dummyjson: skipped, ${DATASET} not found`)
    it.skip("searches the DummyJSON catalog (dataset not found)", () => undefined)
  }
} else {
  medusaIntegrationTestRunner({
    // The thresholds are those of Keel's Postgres provider (@keel/search, plugins/search/src/providers/keel-postgres).
    env: { MEILISEARCH_HOST: "" },
    testSuite: ({ api, getContainer }) => {
      let store: Record<string, string>
      let imported: (DummyProduct & { handle: string })[]

      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies
      const search = (body: object): Promise<{ status: number; data: any }> =>
        api.post("/store/search", { entity: "product", ...body }, { headers: store, validateStatus: () => true })

      beforeAll(async () => {
        const shop = await seedShop(getContainer())
        store = storeHeaders(shop.publishableKey).headers
        const started = Date.now()
        imported = await importDataset(getContainer(), readDataset(DATASET), shop.salesChannelId)
        // The index follows the import through product events.
        const expected = catalog.products.length + imported.length
        let count = 0
        while (count !== expected) {
          if (Date.now() - started > 120_000) {
            throw new Error(`index holds ${count} of ${expected} products after 2 minutes`)
          }
          await new Promise((r) => setTimeout(r, 250))
          count = (await search({ pagination: { take: 1 } })).data.results[0].metadata.count
        }
        await waitForQuietIndex(getContainer())
        console.log(`search-dummyjson: ${imported.length} products imported and indexed in ${((Date.now() - started) / 1000).toFixed(1)} s`)
      })

      it("finds each product in the top 5 by its title, a prefix, one typo and two typos", async () => {
        const probes = imported.flatMap((product, i) => queriesFor(product, i))
        const results: (Probe & { hit: boolean; top: string[]; corrected: string | null })[] = []
        for (let i = 0; i < probes.length; i += CONCURRENT_QUERIES) {
          const batch = probes.slice(i, i + CONCURRENT_QUERIES)
          results.push(
            ...(await Promise.all(
              batch.map(async (probe) => {
                const reply = await search({ filters: { q: probe.query }, pagination: { take: TOP } })
                expect([probe.query, reply.status]).toEqual([probe.query, 200])
                const top: string[] = reply.data.results[0].hits.map((hit: { document: { handle: string } }) => hit.document.handle)
                const corrected: string | null = reply.data.results[0].provider_metadata?.corrected_query ?? null
                return { ...probe, hit: top.includes(probe.handle), top, corrected }
              })
            ))
          )
        }

        const recall = Object.fromEntries(
          KINDS.map((kind) => {
            const ofKind = results.filter((r) => r.kind === kind)
            const hits = ofKind.filter((r) => r.hit).length
            return [kind, { hits, total: ofKind.length, rate: hits / ofKind.length }]
          })
        ) as Record<Kind, { hits: number; total: number; rate: number }>
        const misses = results
          .filter((r) => !r.hit && REQUIRED[r.kind] !== undefined)
          .map(
            (r) =>
              `${r.kind}: "${r.query}"${r.corrected ? ` (read as "${r.corrected}")` : ""} for ${r.handle} -> ${r.top.join(", ") || "nothing"}`
          )
        console.log(
          `search-dummyjson recall@${TOP}: ` +
            KINDS.map((kind) => `${kind} ${(recall[kind].rate * 100).toFixed(1)}% (${recall[kind].hits}/${recall[kind].total})`).join(", ") +
            (misses.length ? `\nmisses:\n${misses.join("\n")}` : "")
        )
        // The search log writes its last batch a second after it (plugins/search/src/lib/search-log.ts), which
        // has to land before the runner drops the database.
        await new Promise((r) => setTimeout(r, 1500))
        for (const [kind, required] of Object.entries(REQUIRED)) {
          expect([kind, recall[kind as Kind].rate >= required]).toEqual([kind, true])
        }
      })
    },
  })
}
