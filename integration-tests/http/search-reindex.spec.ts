import { spawn } from "child_process"
import path from "path"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { ContainerRegistrationKeys, ProductStatus } from "@medusajs/framework/utils"
import { createProductsWorkflow, updateProductsWorkflow } from "@medusajs/medusa/core-flows"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import reindexSearch from "../../src/scripts/reindex"
import { eventually } from "../helpers/eventually"
import { waitForQuietIndex } from "../helpers/search-index"
import { catalog, seedShop, storeHeaders } from "../helpers/shop"

jest.setTimeout(240_000)

// The Search Module writes 100 documents per batch (its default `reindex.batch_size`), so
// the shop gets 40 more products: 112 in all, the marker product last by id, in the second
// batch with 11 others. (The runner restores the database to its state after beforeAll
// before each test.)
const FILLERS = 40
const BATCH = 100
// A word only the marker product has. While the constraint below stands, the database
// rejects the vocabulary write for it, so a rebuild fails on the batch that holds it.
const MARKER_WORD = "zephyrine"
const REJECT_MARKER = `ALTER TABLE keel_search_term ADD CONSTRAINT keel_test_reject_marker CHECK (term <> 'zephyrine') NOT VALID`
const ACCEPT_MARKER = `ALTER TABLE keel_search_term DROP CONSTRAINT keel_test_reject_marker`
// The same write stalls instead, so a process can be killed in the middle of that batch.
const STALL_MARKER = [
  `CREATE FUNCTION keel_test_stall() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(600); RETURN NEW; END $$`,
  `CREATE TRIGGER keel_test_stall BEFORE INSERT ON keel_search_term FOR EACH ROW WHEN (NEW.term = 'zephyrine') EXECUTE FUNCTION keel_test_stall()`,
]
const UNSTALL_MARKER = [
  // The killed process's statement is still sleeping in PostgreSQL.
  `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND wait_event = 'PgSleep'`,
  `DROP TRIGGER keel_test_stall ON keel_search_term`,
  `DROP FUNCTION keel_test_stall()`,
]
const ROOT = path.resolve(__dirname, "../..")

type VersionRow = { id: string; version: number; status: string; physical_name: string; deleted_at: Date | null }
type SyncRow = { status: string; last_key: string | null; documents_synced: number; resumable: boolean }
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies
type Reply = { status: number; data: any }

medusaIntegrationTestRunner({
  // The failures are injected through keel-postgres's tables: the index stays on it.
  env: { MEILISEARCH_HOST: "", KEEL_SEARCH_STOCK_INDEX: "" },
  testSuite: ({ api, getContainer, dbConfig }) => {
    let shop: Awaited<ReturnType<typeof seedShop>>
    let store: Record<string, string>

    const knex = () => getContainer().resolve<Knex>(ContainerRegistrationKeys.PG_CONNECTION)
    const reindex = (args: string[] = []) => reindexSearch({ container: getContainer(), args })
    const search = (body: object): Promise<Reply> =>
      api.post("/store/search", { entity: "product", ...body }, { headers: store, validateStatus: () => true })
    const indexedCount = async () => (await search({ pagination: { take: 1 } })).data.results[0].metadata.count as number
    const handlesFor = async (q: string) =>
      ((await search({ filters: { q }, pagination: { take: 5 } })).data.results[0].hits as { document: { handle: string } }[]).map(
        (hit) => hit.document.handle
      )

    const idsFor = async (q: string) =>
      ((await search({ filters: { q }, pagination: { take: 5 } })).data.results[0].hits as { id: string }[]).map((hit) => hit.id)

    const activeVersion = async () =>
      Number((await knex()("search_index").where({ name: "product" }).whereNull("deleted_at").first("active_version")).active_version)
    const versions = async (): Promise<VersionRow[]> =>
      knex()("search_index_version as v")
        .join("search_index as i", "i.id", "v.search_index_id")
        .where("i.name", "product")
        .orderBy("v.version")
        .select("v.id", "v.version", "v.status", "v.physical_name", "v.deleted_at")
    const latestSync = async (versionId: string): Promise<SyncRow> =>
      knex()("search_index_sync")
        .where({ search_index_version_id: versionId })
        .orderBy("created_at", "desc")
        .first("status", "last_key", "documents_synced", "resumable")
    /** The documents table search-postgres keeps for a version. */
    const documentsTable = async (physicalName: string): Promise<string> =>
      (await knex()("search_postgres_index").where({ name: physicalName }).first("table_name")).table_name
    const productIds = async (): Promise<string[]> =>
      knex()("product").whereNull("deleted_at").orderBy("id").pluck("id")

    async function createProducts(titles: string[]) {
      await createProductsWorkflow(getContainer()).run({
        input: {
          products: titles.map((title) => ({
            title,
            status: ProductStatus.PUBLISHED,
            options: [{ title: "Size", values: ["One size"] }],
            variants: [
              {
                title: "One size",
                options: { Size: "One size" },
                manage_inventory: false,
                prices: [{ currency_code: "eur", amount: 19 }],
              },
            ],
            sales_channels: [{ id: shop.salesChannelId }],
          })),
        },
      })
    }

    const total = catalog.products.length + FILLERS + 1
    let ids: string[]

    beforeAll(async () => {
      shop = await seedShop(getContainer())
      store = storeHeaders(shop.publishableKey).headers
      await createProducts(Array.from({ length: FILLERS }, (_, i) => `Harbour Rope Coil ${i + 1}`))
      // Created after the fillers, so its id sorts last.
      await createProducts([`Zephyrine Storm Lantern`])
      // The index follows the seed through product events.
      await eventually(indexedCount, (count) => count === total, 60_000)
      await waitForQuietIndex(getContainer())
      ids = await productIds()
      expect(ids.length).toBe(total)
      const marker = await knex()("product").where({ handle: "zephyrine-storm-lantern" }).first("id")
      expect(ids.indexOf(marker.id)).toBeGreaterThanOrEqual(BATCH)
    })

    // The runner restores the database before each test, under the running app: the index
    // versions the previous test built are gone, while this process still has them cached
    // (the Search Module's active version, keel-postgres's index catalog for 5 s). A search
    // fails (and logs an error) until those caches let go.
    beforeEach(async () => {
      const start = Date.now()
      while ((await search({ filters: { q: MARKER_WORD } })).status !== 200) {
        if (Date.now() - start > 15_000) {
          throw new Error("search still failing 15 s after the database was restored")
        }
        await new Promise((r) => setTimeout(r, 1000))
      }
    })

    it("refuses an index that does not exist", async () => {
      await expect(reindex(["orders"])).rejects.toThrow(/Unknown search index "orders"/)
    })

    it("rebuilds the product index into a new version while the live one keeps answering", async () => {
      const before = await activeVersion()
      const probe = catalog.products[0]
      // Searches keep going while the rebuild runs.
      let rebuilding = true
      const answers: { status: number; found: boolean }[] = []
      const searching = (async () => {
        while (rebuilding) {
          const reply = await search({ filters: { q: probe.title }, pagination: { take: 5 } })
          answers.push({
            status: reply.status,
            found: reply.data.results?.[0].hits.some((hit: { document: { handle: string } }) => hit.document.handle === probe.handle),
          })
        }
      })()
      const summaries = await reindex().finally(() => {
        rebuilding = false
      })
      await searching

      expect(summaries).toEqual([
        expect.objectContaining({
          index: "product",
          version: before + 1,
          documents: total,
          written: total,
          resumed_after: null,
        }),
      ])
      expect(await activeVersion()).toBe(before + 1)
      expect(answers.length).toBeGreaterThan(0)
      expect(answers.filter((answer) => answer.status !== 200 || !answer.found)).toEqual([])

      const built = (await versions()).find((version) => version.version === before + 1)!
      expect(built.status).toBe("ready")
      const table = await documentsTable(built.physical_name)
      expect(await knex()(table).orderBy("id").pluck("id")).toEqual(ids)
      expect(await handlesFor(catalog.products[catalog.products.length - 1].title)).toContain(
        catalog.products[catalog.products.length - 1].handle
      )
    })

    it("resumes a run that failed partway from its last key, without rewriting what it had done", async () => {
      expect(await handlesFor(MARKER_WORD)).toEqual(["zephyrine-storm-lantern"])
      const live = await activeVersion()
      await knex().raw(REJECT_MARKER)
      try {
        await expect(reindex()).rejects.toThrow(/keel_test_reject_marker/)
      } finally {
        await knex().raw(ACCEPT_MARKER)
      }

      // The failed run left its version unfinished above the live one, with a cursor after batch 1.
      const failed = (await versions()).find((version) => version.version === live + 1 && !version.deleted_at)!
      expect(failed.status).toBe("error")
      const cursor = await latestSync(failed.id)
      expect(cursor).toMatchObject({ status: "failed", resumable: true, documents_synced: BATCH, last_key: ids[BATCH - 1] })
      expect(await activeVersion()).toBe(live)
      expect(await handlesFor("storm lantern")).toContain("zephyrine-storm-lantern")

      // While the run is interrupted, a product it had already written changes: the event
      // reaches the live version only.
      await updateProductsWorkflow(getContainer()).run({
        input: { selector: { id: ids[0] }, update: { title: "Quillon Deck Brush" } },
      })
      await eventually(() => idsFor("quillon"), (found) => found.includes(ids[0]), 60_000)

      const [{ now: resumedAt }] = (await knex().raw("SELECT now() AS now")).rows as { now: Date }[]
      const [summary] = await reindex()
      expect(summary).toMatchObject({
        index: "product",
        version: live + 1,
        documents: total,
        written: total - BATCH,
        resumed_after: ids[BATCH - 1],
      })
      expect(await activeVersion()).toBe(live + 1)
      expect((await versions()).find((version) => version.version === live + 1)!.status).toBe("ready")

      // Batch 1 was not written again, except the product changed meanwhile; the rest (the
      // failed batch included) was.
      const table = await documentsTable(failed.physical_name)
      const rows: { id: string; updated_at: Date }[] = await knex()(table).orderBy("id").select("id", "updated_at")
      expect(rows.map((row) => row.id)).toEqual(ids)
      const rewritten = rows.filter((row) => row.updated_at >= resumedAt).map((row) => row.id)
      expect(rewritten).toEqual([ids[0], ...ids.slice(BATCH)])
      expect(await idsFor("quillon")).toEqual([ids[0]])
      expect(await handlesFor(MARKER_WORD)).toEqual(["zephyrine-storm-lantern"])
    })

    it("resumes the run of a `medusa exec` process killed mid-batch", async () => {
      const live = await activeVersion()
      for (const sql of STALL_MARKER) {
        await knex().raw(sql)
      }
      // The command as an operator runs it, on this test's database; stdout is a pipe, so it
      // prints plain lines. It is killed once the first batch is recorded and the second stalls.
      const child = spawn(path.join(ROOT, "node_modules", ".bin", "medusa"), ["exec", "./src/scripts/reindex.ts", "product"], {
        cwd: ROOT,
        detached: true,
        env: { ...process.env, DATABASE_URL: dbConfig.clientUrl, LOG_LEVEL: "info", REDIS_URL: "" },
      })
      let output = ""
      child.stdout.on("data", (chunk) => (output += chunk))
      child.stderr.on("data", (chunk) => (output += chunk))
      const exited = new Promise((resolve) => child.once("exit", resolve))
      try {
        await eventually(
          async () => output,
          (text) => text.includes(`${BATCH}/${total} documents`),
          90_000
        )
      } finally {
        process.kill(-child.pid!, "SIGKILL")
        await exited
        for (const sql of UNSTALL_MARKER) {
          await knex().raw(sql)
        }
      }
      // Medusa logs JSON lines when stdout is not a terminal.
      const messages = output.split("\n").map((line) => {
        try {
          return String(JSON.parse(line).message)
        } catch {
          return line
        }
      })
      expect(messages).toEqual(
        expect.arrayContaining([
          `Reindexing "product": ${total} documents into a new version; the live index answers until it is ready`,
          expect.stringMatching(new RegExp(`^Reindexing "product": ${BATCH}/${total} documents, \\d+ docs/s$`)),
        ])
      )

      const killed = (await versions()).find((version) => version.version === live + 1 && !version.deleted_at)!
      expect(killed.status).toBe("building")
      expect(await latestSync(killed.id)).toMatchObject({
        status: "processing",
        resumable: true,
        documents_synced: BATCH,
        last_key: ids[BATCH - 1],
      })

      const [summary] = await reindex()
      expect(summary).toMatchObject({ version: live + 1, documents: total, written: total - BATCH, resumed_after: ids[BATCH - 1] })
      const syncs: { status: string }[] = await knex()("search_index_sync")
        .where({ search_index_version_id: killed.id })
        .orderBy("created_at")
        .select("status")
      // The killed run's sync is canceled; the resumed run, its catch-up pass and the catch-up
      // on what changed while it was interrupted are done.
      expect(syncs.map((sync) => sync.status)).toEqual(["canceled", "done", "done", "done"])
      expect(await handlesFor(MARKER_WORD)).toEqual(["zephyrine-storm-lantern"])
    })

    it("starts over with `fresh`, dropping the interrupted version", async () => {
      const live = await activeVersion()
      await knex().raw(REJECT_MARKER)
      try {
        await expect(reindex(["product"])).rejects.toThrow(/keel_test_reject_marker/)
      } finally {
        await knex().raw(ACCEPT_MARKER)
      }
      const [summary] = await reindex(["product", "fresh"])
      expect(summary).toMatchObject({ version: live + 2, documents: total, written: total, resumed_after: null })
      const all = await versions()
      expect(all.find((version) => version.version === live + 1)!.deleted_at).not.toBeNull()
      expect(all.find((version) => version.version === live + 2)!.status).toBe("ready")
      expect(await indexedCount()).toBe(total)
    })
  },
})
