import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"

const QUIET_MS = 1500

/** The search-postgres table holding the documents of an index's active version. */
export async function activeDocumentsTable(container: MedusaContainer, index = "product"): Promise<string> {
  const knex = container.resolve<Knex>(ContainerRegistrationKeys.PG_CONNECTION)
  const row = await knex("search_index as i")
    .join("search_index_version as v", function () {
      this.on("v.search_index_id", "=", "i.id").andOn("v.version", "=", "i.active_version")
    })
    .join("search_postgres_index as p", "p.name", "v.physical_name")
    .where("i.name", index)
    .whereNull("i.deleted_at")
    .whereNull("v.deleted_at")
    .first("p.table_name")
  return row.table_name
}

/**
 * Waits until no document of the index has been written for 1.5 s. Product and variant
 * events are ingested after the workflow that emitted them has returned, and the test
 * runner snapshots the database after beforeAll by closing every connection to it: an
 * ingestion still running then loses its vocabulary write.
 */
export async function waitForQuietIndex(container: MedusaContainer, index = "product", withinMs = 60_000) {
  const knex = container.resolve<Knex>(ContainerRegistrationKeys.PG_CONNECTION)
  const table = await activeDocumentsTable(container, index)
  const start = Date.now()
  for (;;) {
    const recent = await knex(table)
      .where("updated_at", ">", knex.raw("now() - ? * interval '1 millisecond'", [QUIET_MS]))
      .count({ n: "*" })
      .first()
    if (Number(recent?.n) === 0) {
      return
    }
    if (Date.now() - start > withinMs) {
      throw new Error(`the "${index}" index was still being written after ${withinMs} ms`)
    }
    await new Promise((r) => setTimeout(r, 250))
  }
}
