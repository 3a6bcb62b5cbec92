import { MedusaService } from "@medusajs/framework/utils"
import { sharedRedis, type Logger } from "@keel/core"
import { MemoryClaimStore, RedisClaimStore, type ClaimStore } from "../../lib/claims"
import { PurchaseLimit } from "./models/purchase-limit"

export type FlashSalesPluginOptions = {
  /**
   * Redis for the admission budgets, shared by every server and worker. Without it the budgets
   * live in this process's memory, which is right only for a single process (the embedded default).
   */
  redisUrl?: string
  /**
   * A completion not finished this many seconds after it started, and whose cart lock has lapsed,
   * is taken as cut off by a crash and undone by the `keel-flash-sales-recover` job (default 180).
   */
  recoverAfterSeconds?: number
}

class FlashSalesModuleService extends MedusaService({ PurchaseLimit }) {
  protected readonly store_: ClaimStore
  protected readonly recoverAfterSeconds_: number

  constructor(container: Record<string, unknown>, options?: FlashSalesPluginOptions) {
    // eslint-disable-next-line prefer-rest-params
    super(...arguments)
    // The process's one Keel connection to this Redis (shared with the budgets and the app's cache).
    this.store_ = options?.redisUrl ? new RedisClaimStore(sharedRedis(options.redisUrl, container.logger as Logger | undefined)) : new MemoryClaimStore()
    const after = Number(options?.recoverAfterSeconds)
    this.recoverAfterSeconds_ = Number.isFinite(after) && after > 0 ? after : 180
  }

  /** The admission budgets (src/lib/claims.ts). */
  async claims(): Promise<ClaimStore> {
    return this.store_
  }

  async recoverAfterSeconds(): Promise<number> {
    return this.recoverAfterSeconds_
  }

  __hooks = {
    onApplicationShutdown: async () => {
      await this.store_.close()
    },
  }
}

export default FlashSalesModuleService
