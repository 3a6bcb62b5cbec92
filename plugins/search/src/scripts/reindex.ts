import { Presets, SingleBar } from "cli-progress"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import type { ExecArgs, ISearchModuleService, Logger, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError, Modules } from "@medusajs/framework/utils"

/**
 * An app's `src/scripts/reindex.ts` re-exports this (`export { default } from "@keel/search/scripts/reindex"`;
 * Medusa runs scripts from the app only), then
 * `npx medusa exec ./src/scripts/reindex.ts [index ...] [fresh]`: rebuilds the search
 * indexes (all of them, or the ones named) with the Search Module's own reindex. The
 * rebuild goes into a new version and is swapped in when complete, so the live index
 * keeps answering meanwhile.
 *
 * An interrupted run (a version above the active one, or an active one that failed while
 * being filled in place, whose last sync can be resumed) is continued from its last key
 * instead, then caught up on what changed while it was interrupted. `fresh` ignores it and
 * starts a new version. `medusa exec` rejects `--fresh`
 * (its argument parser is strict), so the word goes as a plain argument.
 */

const POLL_MS = 300
const PLAIN_LINE_EVERY_MS = 2000

/**
 * Resuming is what the module does for a seed at boot (createSeedPlan_/executeSeedPlan_):
 * `reindex` always builds a new version and drops the ones left half-built. Both methods are
 * on the service but not on ISearchModuleService (Medusa 2.21.2, pinned).
 */
type SeedAction = {
  index: string
  target_version: { id: string; version: number }
  swap: boolean
  reason: string
}
type SearchModule = ISearchModuleService & {
  createSeedPlan_(): Promise<SeedAction[]>
  executeSeedPlan_(actions: SeedAction[]): Promise<void>
}

type SyncRow = {
  status: string
  last_key: string | null
  documents_synced: number
  resumable: boolean
  error: string | null
}

/** A run interrupted before it finished: killed (still "processing") or failed. */
type InterruptedRun = { action: SeedAction; last_key: string; documents_synced: number; started_at: Date }

export type ReindexSummary = {
  index: string
  /** The version serving reads after the run. */
  version: number
  /** Documents in that version, including those an interrupted run had written. */
  documents: number
  /** Documents this run wrote. */
  written: number
  resumed_after: string | null
  seconds: number
}

export default async function reindexSearch({ container, args }: ExecArgs): Promise<ReindexSummary[]> {
  const logger = container.resolve<Logger>(ContainerRegistrationKeys.LOGGER)
  const search = container.resolve<SearchModule>(Modules.SEARCH)
  const fresh = (args ?? []).some((arg) => arg === "fresh" || arg === "--fresh")
  const named = (args ?? []).filter((arg) => arg !== "fresh" && arg !== "--fresh")
  const known = (await search.listIndexes()).map((index) => index.name)
  const unknown = named.filter((name) => !known.includes(name))
  if (unknown.length) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `Unknown search index ${unknown.map((name) => `"${name}"`).join(", ")}; known: ${known.join(", ") || "none"}`
    )
  }
  const summaries: ReindexSummary[] = []
  for (const name of named.length ? named : known) {
    summaries.push(await reindexOne(container, search, logger, name, fresh))
  }
  return summaries
}

async function reindexOne(
  container: MedusaContainer,
  search: SearchModule,
  logger: Logger,
  name: string,
  fresh: boolean
): Promise<ReindexSummary> {
  const knex = container.resolve<Knex>(ContainerRegistrationKeys.PG_CONNECTION)
  const interrupted = fresh ? undefined : await findInterruptedRun(search, knex, name)
  const total = await countSource(container, search.getIndex(name).entity)
  const alreadyDone = interrupted?.documents_synced ?? 0
  if (interrupted) {
    logger.info(
      `Reindexing "${name}": resuming after ${interrupted.last_key}, ${alreadyDone} documents already done ` +
        `(version ${interrupted.action.target_version.version})`
    )
  } else {
    logger.info(`Reindexing "${name}": ${total} documents into a new version; the live index answers until it is ready`)
  }

  const startedAt = new Date()
  const progress = showProgress(logger, name, total, alreadyDone, () => readRun(knex, name, startedAt))
  try {
    if (interrupted) {
      await search.executeSeedPlan_([interrupted.action])
    } else {
      await search.reindex({ index: name, strategy: "swap" })
    }
  } finally {
    await progress.stop()
  }

  // executeSeedPlan_ logs a failure (or a lock held by another process) instead of throwing:
  // the run's own sync row says whether it finished.
  const run = await readRun(knex, name, startedAt)
  if (run?.status !== "done") {
    throw new MedusaError(
      MedusaError.Types.UNEXPECTED_STATE,
      `Reindexing "${name}" did not finish: ${run?.error ?? "another process is seeding this index; try again when it is done"}`
    )
  }
  if (interrupted?.action.swap) {
    // Product events reach the live version only, and the resumed run catches up from its own
    // start: what changed while it was interrupted, among the documents it had already
    // written, is caught up now that its version serves reads.
    logger.info(`Reindexing "${name}": catching up on changes since ${interrupted.started_at.toISOString()}`)
    await search.reindex({ index: name, strategy: "in_place", since: interrupted.started_at })
  }
  const seconds = (Date.now() - startedAt.getTime()) / 1000
  const written = run.documents_synced - alreadyDone
  const summary: ReindexSummary = {
    index: name,
    version: await activeVersion(knex, name),
    documents: run.documents_synced,
    written,
    resumed_after: interrupted?.last_key ?? null,
    seconds,
  }
  logger.info(
    `Reindexed "${name}": ${summary.documents} documents in version ${summary.version}` +
      (interrupted ? ` (${written} written now, ${alreadyDone} by the interrupted run)` : "") +
      ` in ${seconds.toFixed(1)} s, ${Math.round(written / Math.max(seconds, 0.001))} docs/s`
  )
  return summary
}

/**
 * The run the module would resume for this index: its seed plan targets a version (a
 * pending one above the active version, or the active one after a failed in-place run),
 * and that version's latest sync is resumable, unfinished or failed, with a cursor. A sync
 * a killed process left "processing" stays so; the resumed run marks it canceled.
 */
async function findInterruptedRun(search: SearchModule, knex: Knex, name: string): Promise<InterruptedRun | undefined> {
  const action = (await search.createSeedPlan_()).find((candidate) => candidate.index === name)
  // An index whose engine lost its documents is rebuilt from the start.
  if (!action || action.reason === "index_empty") {
    return undefined
  }
  const latest: SyncRow | undefined = await knex("search_index_sync")
    .where({ search_index_version_id: action.target_version.id })
    .whereNull("deleted_at")
    .orderBy("created_at", "desc")
    .first("status", "last_key", "documents_synced", "resumable", "error")
  if (!latest?.resumable || !latest.last_key || !["pending", "processing", "failed"].includes(latest.status)) {
    return undefined
  }
  // When the version's first run started: its documents are as of then or later.
  const first = (await knex("search_index_sync")
    .where({ search_index_version_id: action.target_version.id })
    .whereNull("deleted_at")
    .min({ started_at: "started_at" })
    .first()) as { started_at: Date | null } | undefined
  return {
    action,
    last_key: latest.last_key,
    documents_synced: Number(latest.documents_synced),
    started_at: new Date(first?.started_at ?? Date.now()),
  }
}

/** The bulk sync of the run started at `since` (its catch-up pass comes after it). */
async function readRun(knex: Knex, name: string, since: Date): Promise<SyncRow | undefined> {
  const row: SyncRow | undefined = await knex("search_index_sync as s")
    .join("search_index_version as v", "v.id", "s.search_index_version_id")
    .join("search_index as i", "i.id", "v.search_index_id")
    .where("i.name", name)
    .where("s.started_at", ">=", since)
    .whereNull("s.deleted_at")
    .whereNull("i.deleted_at")
    .orderBy("s.started_at", "asc")
    .first("s.status", "s.last_key", "s.documents_synced", "s.resumable", "s.error")
  return row && { ...row, documents_synced: Number(row.documents_synced) }
}

async function activeVersion(knex: Knex, name: string): Promise<number> {
  const row: { active_version: number | null } | undefined = await knex("search_index")
    .where({ name })
    .whereNull("deleted_at")
    .first("active_version")
  return Number(row?.active_version)
}

async function countSource(container: MedusaContainer, entity: string): Promise<number> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  // Query counts only when the pagination has a `skip`.
  const { metadata } = await query.graph({ entity, fields: ["id"], pagination: { skip: 0, take: 1 } })
  return metadata?.count ?? 0
}

/**
 * Polls the run's sync row: a progress bar on a terminal, a line every few seconds otherwise.
 * Returns stop(), which shows the final count.
 */
function showProgress(
  logger: Logger,
  name: string,
  total: number,
  start: number,
  read: () => Promise<SyncRow | undefined>
) {
  const tty = Boolean(process.stdout.isTTY)
  const bar = new SingleBar(
    {
      format: `Reindexing ${name} [{bar}] {value}/{total} documents | {rate} docs/s | {duration_formatted}`,
      hideCursor: true,
      stream: process.stdout,
    },
    Presets.shades_classic
  )
  const startedAt = Date.now()
  let shown = start
  let lineAt = 0
  const show = (done: number) => {
    shown = done
    const rate = Math.round((done - start) / Math.max((Date.now() - startedAt) / 1000, 0.001))
    if (tty) {
      if (done > bar.getTotal()) {
        bar.setTotal(done) // products created while the run reads them
      }
      bar.update(done, { rate })
    } else if (Date.now() - lineAt >= PLAIN_LINE_EVERY_MS) {
      lineAt = Date.now()
      logger.info(`Reindexing "${name}": ${done}/${total} documents, ${rate} docs/s`)
    }
  }
  if (tty) {
    bar.start(total, start, { rate: 0 })
  }
  let polling: Promise<void> | undefined
  const poll = () => {
    polling ??= read()
      .then((row) => {
        if (row && row.documents_synced !== shown) {
          show(row.documents_synced)
        }
      })
      // Progress is display only: a failed read is retried at the next tick.
      .catch(() => undefined)
      .finally(() => {
        polling = undefined
      })
    return polling
  }
  const timer = setInterval(poll, POLL_MS)
  return {
    stop: async () => {
      clearInterval(timer)
      await polling
      await poll()
      if (tty) {
        bar.stop()
      }
    },
  }
}
