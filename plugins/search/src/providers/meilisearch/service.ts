import type { Logger, SearchTypes } from "@medusajs/framework/types"
import { AbstractSearchProviderService, MedusaError, extractPrimaryKeyFilter } from "@medusajs/framework/utils"
import type { EnqueuedTaskPromise, Meilisearch, Task } from "meilisearch" with { "resolution-mode": "import" }
import { toMeiliFilter } from "./filters"
import { type IndexPlan, buildIndexPlan, encodeDocument, tuningKey, tuningSettings } from "./plan"
import { type Response, didYouMean, planSearch, toMedusaError } from "./query"

/**
 * Keel's Meilisearch search provider, selected when MEILISEARCH_HOST is set: the product
 * index on Meilisearch with POST /store/search's contract unchanged (see query.ts).
 *
 * - Typo tolerance, the last word as a prefix, synonyms and stop words are Meilisearch's.
 *   The merchant's synonyms and stop words live in keel-search's tables (edited through
 *   /admin/search/*); they are written into the index settings by upsertIndex, and a
 *   search that finds them changed (read at most once a second) pushes them again.
 * - Writes are Meilisearch tasks: upsertDocuments answers "enqueued" and waitForTask lets
 *   the Search Module wait for a seed to land before it swaps versions.
 * - `index_prefix` namespaces the indexes, so several shops or environments can share a
 *   Meilisearch server; listIndexes only reports this shop's.
 */

export type MeilisearchProviderOptions = {
  host: string
  api_key?: string
  /** Prepended to every index uid (letters, digits, "-" and "_"). */
  index_prefix?: string
  /** How long waitForTask waits for a write, in ms (default 120 s). */
  task_timeout_ms?: number
  /** Meilisearch's pagination.maxTotalHits: counts and offsets stop there (default 10,000). */
  max_total_hits?: number
}

type Manager = { execute(sql: string, params?: unknown[]): Promise<Record<string, unknown>[]> }
type Tuning = ReturnType<typeof tuningSettings> & { at: number }

const TUNING_TTL_MS = 1000
const DEFAULT_TASK_TIMEOUT_MS = 120_000
const TASK_POLL_INTERVAL_MS = 50
const INDEX_UID = /^[A-Za-z0-9_-]{1,400}$/

/** A settled Meilisearch task as the Search Module's task. */
export function fromTask(task: Pick<Task, "uid" | "status" | "error">, index?: string): SearchTypes.SearchTask {
  return {
    id: String(task.uid),
    index,
    status: task.status === "succeeded" ? "succeeded" : task.status === "failed" || task.status === "canceled" ? "failed" : task.status,
    ...(task.error ? { error: { message: task.error.message, code: task.error.code } } : {}),
  }
}

export class MeilisearchSearchService extends AbstractSearchProviderService {
  static identifier = "keel-meilisearch"

  protected readonly logger_: Logger
  protected readonly manager_: Manager
  protected readonly options_: MeilisearchProviderOptions
  private client_?: Promise<Meilisearch>
  private readonly plans_ = new Map<string, { hash: string; plan: IndexPlan }>()
  // The tuning key last written to each index by this process.
  private readonly appliedTuning_ = new Map<string, string>()
  private tuning_?: Tuning

  constructor({ manager, logger }: { manager: Manager; logger: Logger }, options: MeilisearchProviderOptions) {
    super()
    if (typeof options?.host !== "string" || !options.host.trim()) {
      throw new MedusaError(MedusaError.Types.INVALID_ARGUMENT, 'The Meilisearch search provider needs a "host" option')
    }
    if (options.index_prefix && !/^[A-Za-z0-9_-]+$/.test(options.index_prefix)) {
      throw new MedusaError(
        MedusaError.Types.INVALID_ARGUMENT,
        `The Meilisearch index prefix "${options.index_prefix}" may only hold letters, digits, "-" and "_"`
      )
    }
    for (const key of ["task_timeout_ms", "max_total_hits"] as const) {
      if (options[key] !== undefined && !(Number.isInteger(options[key]) && options[key]! > 0)) {
        throw new MedusaError(MedusaError.Types.INVALID_ARGUMENT, `The Meilisearch option "${key}" must be a positive integer`)
      }
    }
    this.manager_ = manager
    this.logger_ = logger
    this.options_ = options
  }

  // meilisearch is ESM-only: loaded on first use (Node's require(esm) once compiled, jest's
  // ESM loader in tests), so nothing loads it unless this provider is configured.
  private client(): Promise<Meilisearch> {
    this.client_ ??= import("meilisearch")
      .then(({ Meilisearch }) => new Meilisearch({ host: this.options_.host, apiKey: this.options_.api_key }))
      .catch((error) => {
        this.client_ = undefined
        throw error
      })
    return this.client_
  }

  private uid(physicalName: string) {
    const uid = `${this.options_.index_prefix ?? ""}${physicalName}`
    if (!INDEX_UID.test(uid)) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `"${uid}" is not a valid Meilisearch index uid`)
    }
    return uid
  }

  private async call<T>(context: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run()
    } catch (error) {
      throw toMedusaError(error, context)
    }
  }

  private settle(task: EnqueuedTaskPromise) {
    return task.waitTask({
      timeout: this.options_.task_timeout_ms ?? DEFAULT_TASK_TIMEOUT_MS,
      interval: TASK_POLL_INTERVAL_MS,
    })
  }

  private planFor(uid: string, definition: SearchTypes.ResolvedSearchIndexDefinition) {
    const cached = this.plans_.get(uid)
    if (cached && cached.hash === definition.definition_hash) {
      return cached.plan
    }
    const plan = buildIndexPlan(definition, { max_total_hits: this.options_.max_total_hits })
    this.plans_.set(uid, { hash: definition.definition_hash, plan })
    return plan
  }

  /** Synonyms and stop words from keel-search's tables, at most a second old; undefined when unreadable. */
  private async loadTuning(fresh = false): Promise<Tuning | undefined> {
    if (!fresh && this.tuning_ && Date.now() - this.tuning_.at < TUNING_TTL_MS) {
      return this.tuning_
    }
    try {
      const [stopRows, synonymRows] = await Promise.all([
        this.manager_.execute(`SELECT word FROM keel_search_stop_word WHERE deleted_at IS NULL`),
        this.manager_.execute(`SELECT terms FROM keel_search_synonym WHERE deleted_at IS NULL`),
      ])
      this.tuning_ = {
        at: Date.now(),
        ...tuningSettings(
          synonymRows.map((row) => row.terms as string[]),
          stopRows.map((row) => row.word as string)
        ),
      }
      return this.tuning_
    } catch (error) {
      this.logger_.warn(`[keel-meilisearch] Cannot read synonyms and stop words: ${(error as Error).message}`)
      return undefined
    }
  }

  /** Pushes changed synonyms and stop words to the index; a search never fails over it. */
  private async syncTuning(client: Meilisearch, uid: string) {
    const tuning = await this.loadTuning()
    const applied = this.appliedTuning_.get(uid)
    if (!tuning || applied === tuning.key) {
      return
    }
    // Claimed first, so the searches running meanwhile do not push it again.
    this.appliedTuning_.set(uid, tuning.key)
    try {
      if (applied === undefined) {
        // First search of this process: Meilisearch may hold them already (another process, an earlier run).
        const current = await client.index(uid).getSettings()
        if (tuningKey(current) === tuning.key) {
          return
        }
      }
      // Applied by Meilisearch in the background (stop words re-index the documents).
      await client.index(uid).updateSettings(tuning.settings)
    } catch (error) {
      this.appliedTuning_.delete(uid)
      this.logger_.warn(`[keel-meilisearch] Cannot update synonyms and stop words of "${uid}": ${(error as Error).message}`)
    }
  }

  async upsertIndex({ index }: { index: SearchTypes.ResolvedSearchIndexDefinition }): Promise<SearchTypes.SearchTask> {
    const uid = this.uid(index.physical_name)
    const plan = this.planFor(uid, index)
    if (plan.ignored.length) {
      this.logger_.warn(
        `[keel-meilisearch] Ignoring vector field(s) ${plan.ignored.join(", ")} of search index "${index.name}"`
      )
    }
    const client = await this.client()
    const tuning = await this.loadTuning(true)
    const task = await this.call(`creating index "${uid}"`, async () => {
      const existing = await client.getRawIndex(uid).catch((error: { cause?: { code?: string } }) => {
        if (error?.cause?.code === "index_not_found") {
          return undefined
        }
        throw error
      })
      // The module only points upsertIndex at an index it is about to seed: recreating it is safe.
      if (existing && existing.primaryKey !== plan.primary_key) {
        await this.settle(client.deleteIndex(uid))
      }
      if (!existing || existing.primaryKey !== plan.primary_key) {
        const created = await this.settle(client.createIndex(uid, { primaryKey: plan.primary_key }))
        if (created.status !== "succeeded") {
          return created
        }
      }
      return this.settle(client.index(uid).updateSettings({ ...plan.settings, ...(tuning?.settings ?? {}) }))
    })
    if (task.status !== "succeeded") {
      // Thrown, so a definition Meilisearch cannot hold fails at startup rather than at the first search.
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `Meilisearch refused search index "${uid}": ${task.error?.message ?? task.status}`
      )
    }
    if (tuning) {
      this.appliedTuning_.set(uid, tuning.key)
    }
    return { index: index.physical_name, status: "succeeded" }
  }

  async deleteIndex({ index }: { index: string }): Promise<SearchTypes.SearchTask> {
    const uid = this.uid(index)
    const client = await this.client()
    const task = await this.call(`deleting index "${uid}"`, () => this.settle(client.deleteIndex(uid)))
    this.plans_.delete(uid)
    this.appliedTuning_.delete(uid)
    return task.status === "failed" && task.error?.code === "index_not_found"
      ? { index, status: "succeeded" }
      : fromTask(task, index)
  }

  async listIndexes(): Promise<SearchTypes.SearchIndexInfo[]> {
    const client = await this.client()
    const prefix = this.options_.index_prefix ?? ""
    const [indexes, stats] = await this.call("listing indexes", () =>
      Promise.all([client.getRawIndexes({ limit: 1000 }), client.getStats()])
    )
    return indexes.results
      .filter((index) => index.uid.startsWith(prefix))
      .map((index) => ({
        name: index.uid.slice(prefix.length),
        provider: MeilisearchSearchService.identifier,
        document_count: stats.indexes[index.uid]?.numberOfDocuments ?? 0,
        created_at: new Date(index.createdAt),
        updated_at: new Date(index.updatedAt),
      }))
  }

  async upsertDocuments({
    index,
    definition,
    documents,
  }: {
    index: string
    definition: SearchTypes.ResolvedSearchIndexDefinition
    documents: SearchTypes.SearchDocument[]
  }): Promise<SearchTypes.SearchTask> {
    if (!documents.length) {
      return { index, status: "succeeded" }
    }
    const uid = this.uid(index)
    const plan = this.planFor(uid, definition)
    const encoded = documents.map((document) => encodeDocument(document, plan))
    const client = await this.client()
    const task = await this.call(`writing to "${uid}"`, () =>
      client.index(uid).addDocuments(encoded, { primaryKey: plan.primary_key })
    )
    return { id: String(task.taskUid), index, status: "enqueued" }
  }

  async deleteDocuments({ index, filters }: SearchTypes.SearchDeleteDocumentsInput): Promise<SearchTypes.SearchTask> {
    const uid = this.uid(index)
    const plan = this.plans_.get(uid)?.plan
    const ids = extractPrimaryKeyFilter(filters, { primary_key: plan?.primary_key ?? "id" })
    if (ids && !ids.length) {
      return { index, status: "succeeded" }
    }
    const filter = ids ? undefined : toMeiliFilter(filters, plan)
    if (!ids && !filter) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `Deleting from "${index}" needs filters that select documents`)
    }
    const client = await this.client()
    const task = await this.call(`deleting from "${uid}"`, () =>
      client.index(uid).deleteDocuments(ids ?? { filter: filter! })
    )
    return { id: String(task.taskUid), index, status: "enqueued" }
  }

  async clearIndex({ index }: { index: string }): Promise<SearchTypes.SearchTask> {
    const uid = this.uid(index)
    const client = await this.client()
    const task = await this.call(`clearing "${uid}"`, () => client.index(uid).deleteAllDocuments())
    return { id: String(task.taskUid), index, status: "enqueued" }
  }

  async waitForTask(task: SearchTypes.SearchTask, options?: { timeout_ms?: number }): Promise<SearchTypes.SearchTask> {
    if (task.id === undefined || task.status === "succeeded" || task.status === "failed") {
      return task
    }
    const client = await this.client()
    const settled = await this.call(`waiting for task ${task.id}`, () =>
      client.tasks.waitForTask(Number(task.id), {
        timeout: options?.timeout_ms ?? this.options_.task_timeout_ms ?? DEFAULT_TASK_TIMEOUT_MS,
        interval: TASK_POLL_INTERVAL_MS,
      })
    )
    return fromTask(settled, task.index)
  }

  async search(input: SearchTypes.ProviderSearchQuery): Promise<SearchTypes.SearchResult> {
    const [result] = await this.searchMany([input])
    return result
  }

  /** Every query of every input in one multi-search; did-you-mean in a second one, only for inputs that found nothing. */
  async searchMany(inputs: SearchTypes.ProviderSearchQuery[]): Promise<SearchTypes.SearchResult[]> {
    if (!inputs.length) {
      return []
    }
    const planned = inputs.map((input) => {
      const uid = this.uid(input.index.physical_name)
      return { uid, search: planSearch(input, this.planFor(uid, input.index), uid) }
    })
    const client = await this.client()
    await Promise.all([...new Set(planned.map(({ uid }) => uid))].map((uid) => this.syncTuning(client, uid)))

    const queries = planned.flatMap(({ search }) => search.queries)
    const responses = queries.length
      ? ((await this.call("searching", () => client.multiSearch({ queries }))).results as Response[])
      : []
    let offset = 0
    const results = planned.map(({ search }) => search.assemble(responses.slice(offset, (offset += search.queries.length))))

    const unanswered = planned
      .map(({ search }, i) => ({ search, result: results[i] }))
      .filter(({ search, result }) => {
        const { count, take, skip } = result.metadata
        return search.suggestion && (count === 0 || (count === null && take > 0 && !skip && !result.hits.length))
      })
    if (unanswered.length) {
      try {
        const { results: best } = await client.multiSearch({ queries: unanswered.map(({ search }) => search.suggestion!) })
        unanswered.forEach(({ search, result }, i) => {
          result.provider_metadata = {
            ...result.provider_metadata,
            did_you_mean: didYouMean(search.words, (best[i] as Response | undefined)?.hits[0]),
          }
        })
      } catch (error) {
        this.logger_.warn(`[keel-meilisearch] did-you-mean failed: ${(error as Error).message}`)
      }
    }
    return results
  }
}
