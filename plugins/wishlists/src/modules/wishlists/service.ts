import type { Context, Logger, ModuleJoinerConfig } from "@medusajs/framework/types"
import { Budgets, resolveBudgetLimit, type BudgetLimit, type TrustedProxies } from "@keel/core"
import { InjectTransactionManager, MedusaContext, MedusaService } from "@medusajs/framework/utils"
import type { EntityManager } from "@medusajs/framework/mikro-orm/knex"
import { decideAlert, priceDropPercent, type AlertKind, type AlertReading, type AlertState } from "../../lib/alert-rules"
import { Wishlist } from "./models/wishlist"
import { WishlistAlert } from "./models/wishlist-alert"
import { WishlistItem } from "./models/wishlist-item"
import { WishlistNotification } from "./models/wishlist-notification"
import { WishlistShare } from "./models/wishlist-share"
import { joinerConfig } from "./joiner-config"

type Ctx = Context<EntityManager>

export type WishlistsPluginOptions = {
  /** A price-drop alert fires when the price falls at least this many percent (default 10). */
  priceDropPercent?: number
  /** How often one client may look lists up by a secret token (429 with Retry-After beyond). */
  budgets?: Partial<WishlistBudgets>
  /** Redis shared by the shop's processes, so a budget counts across all of them (default: per process). */
  redisUrl?: string
  /** Proxies whose X-Forwarded-For names the client (load balancer, CDN, storefront server); default none. */
  trustedProxies?: TrustedProxies
}

/** `{ points, duration }`: that many uses per `duration` seconds; `false` turns one off. */
export type WishlistBudgets = {
  /** Share-link lookups (`GET /store/shared-wishlists/:token`) from one client address, default 60 a minute. */
  shareLookupsPerAddress: BudgetLimit
  /** Requests carrying a guest list's token (`x-wishlist-token`) from one client address, default 300 a minute. */
  guestTokenLookupsPerAddress: BudgetLimit
}

export const DEFAULT_WISHLIST_BUDGETS: WishlistBudgets = {
  shareLookupsPerAddress: { points: 60, duration: 60 },
  guestTokenLookupsPerAddress: { points: 300, duration: 60 },
}

export type FiredAlert = {
  alert_id: string
  item_id: string
  kind: AlertKind
  /** how many alerts this subscription has sent, this one included */
  notifications: number
  previous_amount: number | null
  amount: number | null
  currency_code: string | null
}

/** What an alert was before a check changed it, to put it back when the check is undone. */
export type AlertSnapshot = Pick<AlertState, "in_stock" | "saved_amount" | "reference_amount"> & {
  id: string
  notifications: number
  last_notified_at: Date | null
}

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v))

class WishlistsModuleService extends MedusaService({ Wishlist, WishlistItem, WishlistShare, WishlistAlert, WishlistNotification }) {
  protected readonly priceDropPercent_: number
  protected readonly budgets_: Budgets<keyof WishlistBudgets>

  /** Query's view of the module (joiner-config.ts): entity names and the methods behind them. */
  // eslint-disable-next-line @medusajs/service-methods-must-be-async -- Module() and the module loader call it synchronously, as in Medusa's own modules
  __joinerConfig(): ModuleJoinerConfig {
    return joinerConfig
  }

  constructor(container: Record<string, unknown>, options?: WishlistsPluginOptions) {
    // eslint-disable-next-line prefer-rest-params
    super(...arguments)
    this.priceDropPercent_ = priceDropPercent(options?.priceDropPercent)
    const limits = Object.fromEntries(
      (Object.keys(DEFAULT_WISHLIST_BUDGETS) as (keyof WishlistBudgets)[]).map((name) => [
        name,
        resolveBudgetLimit(`@keel/wishlists budgets.${name}`, options?.budgets?.[name], DEFAULT_WISHLIST_BUDGETS[name]),
      ])
    ) as WishlistBudgets
    this.budgets_ = new Budgets("keel_wishlists", limits, {
      redisUrl: options?.redisUrl || undefined,
      trustedProxies: options?.trustedProxies,
      logger: container.logger as Logger | undefined,
    })
  }

  async getPriceDropPercent(): Promise<number> {
    return this.priceDropPercent_
  }

  /**
   * Takes the outbox rows due for an attempt (or exactly `ids`, when they are pending) and moves
   * their next attempt to `leaseUntil`, in one statement: a row another process has just taken is
   * not due any more, so no row is sent twice at once.
   */
  @InjectTransactionManager()
  async leaseDueNotifications(
    { ids, now, leaseUntil, limit }: { ids?: string[]; now: Date; leaseUntil: Date; limit: number },
    @MedusaContext() sharedContext: Ctx = {}
  ): Promise<Record<string, unknown>[]> {
    const manager = sharedContext.transactionManager!
    const knex = manager.getKnex()
    const due = knex("keel_wishlist_notification")
      .select("id")
      .where({ status: "pending" })
      .whereNull("deleted_at")
      .modify((q) => (ids ? q.whereIn("id", ids.length ? ids : ["-"]) : q.where("next_attempt_at", "<=", now)))
      .orderBy("next_attempt_at")
      .limit(limit)
      .forUpdate()
      .skipLocked()
    return manager.execute(
      knex("keel_wishlist_notification").update({ next_attempt_at: leaseUntil, updated_at: now }).whereIn("id", due).returning("*")
    )
  }

  /** The plugin's budgets (lookups by secret token), counted per client address. */
  async budgets(): Promise<Budgets<keyof WishlistBudgets>> {
    return this.budgets_
  }

  /**
   * Applies what a check saw to these alerts and says which fire. The alerts are locked for
   * the transaction, so two checks of the same change (an event delivered twice, the event and
   * the sweep job) cannot both announce it.
   */
  @InjectTransactionManager()
  async applyAlertReadings(
    readings: { alert_id: string; reading: AlertReading }[],
    @MedusaContext() sharedContext: Ctx = {}
  ): Promise<{ fired: FiredAlert[]; before: AlertSnapshot[] }> {
    // One reading per alert: the last one given.
    const latest = new Map(readings.map((r) => [r.alert_id, r.reading]))
    const ids = [...latest.keys()].sort()
    if (!ids.length) {
      return { fired: [], before: [] }
    }
    const manager = sharedContext.transactionManager!
    await manager.execute(manager.getKnex()("keel_wishlist_alert").select("id").whereIn("id", ids).orderBy("id").forUpdate())
    const alerts = await this.listWishlistAlerts({ id: ids }, { take: null }, sharedContext)
    const byId = new Map(alerts.map((a) => [a.id, a]))
    const fired: FiredAlert[] = []
    const before: AlertSnapshot[] = []
    const updates: Record<string, unknown>[] = []
    const now = new Date()
    for (const [alert_id, reading] of latest) {
      const alert = byId.get(alert_id)
      if (!alert) continue
      const state: AlertState = {
        kind: alert.kind as AlertKind,
        in_stock: alert.in_stock ?? null,
        saved_amount: num(alert.saved_amount),
        reference_amount: num(alert.reference_amount),
      }
      const decision = decideAlert(state, reading, this.priceDropPercent_)
      if (!decision.fire && !Object.keys(decision.next).length) continue
      before.push({
        id: alert.id,
        in_stock: state.in_stock,
        saved_amount: state.saved_amount,
        reference_amount: state.reference_amount,
        notifications: alert.notifications,
        last_notified_at: (alert.last_notified_at as Date | null) ?? null,
      })
      const notifications = alert.notifications + (decision.fire ? 1 : 0)
      updates.push({ id: alert.id, ...decision.next, ...(decision.fire ? { notifications, last_notified_at: now } : {}) })
      if (decision.fire) {
        fired.push({
          alert_id: alert.id,
          item_id: alert.item_id,
          kind: state.kind,
          notifications,
          previous_amount: decision.previous_amount ?? null,
          amount: reading.amount,
          currency_code: alert.currency_code ?? reading.currency_code ?? null,
        })
      }
    }
    if (updates.length) {
      await this.updateWishlistAlerts(updates as never, sharedContext)
    }
    return { fired, before }
  }

  /** Puts alerts back as they were before a check (its notifications could not be sent). */
  @InjectTransactionManager()
  async restoreAlertSnapshots(snapshots: AlertSnapshot[], @MedusaContext() sharedContext: Ctx = {}): Promise<void> {
    if (snapshots.length) {
      await this.updateWishlistAlerts(snapshots as never, sharedContext)
    }
  }
}

export default WishlistsModuleService
