import type { Context } from "@medusajs/framework/types"
import { InjectManager, MedusaContext, MedusaService } from "@medusajs/framework/utils"
import type { EntityManager } from "@medusajs/framework/mikro-orm/knex"
import { resolveOptions, type ResolvedSearchOptions, type SearchPluginOptions } from "../../lib/options"
import { SearchQuery } from "./models/search-query"
import { SearchStopWord } from "./models/search-stop-word"
import { SearchSynonym } from "./models/search-synonym"
import { SearchTerm } from "./models/search-term"

export type QueryCount = { query: string; searches: number; zero_result_searches: number; last_hit_count: number }

class KeelSearchModuleService extends MedusaService({
  SearchSynonym,
  SearchStopWord,
  SearchQuery,
  SearchTerm,
}) {
  protected readonly options_: ResolvedSearchOptions

  // A plugin's modules are built with the plugin's options: bad ones stop the app at boot.
  constructor(container: Record<string, unknown>, options?: SearchPluginOptions) {
    // eslint-disable-next-line prefer-rest-params
    super(...arguments)
    this.options_ = resolveOptions(options)
  }

  async getOptions(): Promise<ResolvedSearchOptions> {
    return this.options_
  }

  /**
   * The most searched queries in [from, to), and the most searched of those that found
   * nothing, with how often each was searched.
   */
  @InjectManager()
  async summarizeSearchQueries(
    range: { from: Date; to: Date; limit: number },
    @MedusaContext() sharedContext: Context<EntityManager> = {}
  ): Promise<{ top: QueryCount[]; zero_results: QueryCount[] }> {
    const manager = sharedContext.manager!
    const grouped = (onlyZero: boolean) =>
      manager.execute(
        `SELECT query,
                count(*)::int AS searches,
                count(*) FILTER (WHERE hit_count = 0)::int AS zero_result_searches,
                (array_agg(hit_count ORDER BY created_at DESC))[1] AS last_hit_count
         FROM keel_search_query
         WHERE deleted_at IS NULL AND created_at >= ? AND created_at < ?
         GROUP BY query
         HAVING ? = false OR count(*) FILTER (WHERE hit_count = 0) > 0
         ORDER BY CASE WHEN ? THEN count(*) FILTER (WHERE hit_count = 0) ELSE count(*) END DESC, query
         LIMIT ?`,
        [range.from, range.to, onlyZero, onlyZero, range.limit]
      ) as Promise<QueryCount[]>
    const [top, zero] = await Promise.all([grouped(false), grouped(true)])
    return { top, zero_results: zero }
  }
}

export default KeelSearchModuleService
