import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import type { WishlistTotals } from "../api/admin/responses"

// What shoppers keep for later, counted in the database: the module's generated methods
// cannot group, and loading every item to count it would not scale with the shop.

export const DEFAULT_PERIOD_DAYS = 30
const DAY_MS = 24 * 60 * 60 * 1000

export type InsightsPeriod = { from: Date; to: Date; limit: number }

export type { WishlistTotals }

export type TopProductRow = { product_id: string; wishlists: number; items: number }
export type TopVariantRow = { variant_id: string; product_id: string; wishlists: number }

export type WishlistInsights = { totals: WishlistTotals; top_products: TopProductRow[]; top_variants: TopVariantRow[] }

/** The period asked for; a missing end is now, a missing start is DEFAULT_PERIOD_DAYS before the end. */
export function insightsPeriod({ from, to }: { from?: Date; to?: Date }, now = new Date()): { from: Date; to: Date } {
  const end = to ?? now
  return { from: from ?? new Date(end.getTime() - DEFAULT_PERIOD_DAYS * DAY_MS), to: end }
}

/** The average list size, to 2 decimals; 0 when there is no list. */
export function itemsPerList(items: number, lists: number): number {
  return lists ? Math.round((items / lists) * 100) / 100 : 0
}

/** Items on a list, both still there (a deleted list's items do not count, even if they linger). */
function liveItems(knex: Knex) {
  return knex("keel_wishlist_item as i")
    .join("keel_wishlist as w", "w.id", "i.wishlist_id")
    .whereNull("i.deleted_at")
    .whereNull("w.deleted_at")
}

/**
 * Totals describe the lists as they are now; alerts and the top products and variants count
 * the items added in the period, so they show what shoppers wanted lately.
 */
export async function wishlistInsights(knex: Knex, { from, to, limit }: InsightsPeriod): Promise<WishlistInsights> {
  const [[lists], [items], [alerts], topProducts, topVariants] = await Promise.all([
    knex("keel_wishlist")
      .whereNull("deleted_at")
      .select(knex.raw("count(*)::int as wishlists"), knex.raw("count(customer_id)::int as customer_wishlists")),
    liveItems(knex).select(knex.raw("count(*)::int as items")),
    liveItems(knex)
      .join("keel_wishlist_alert as a", "a.item_id", "i.id")
      .whereNull("a.deleted_at")
      .whereBetween("a.created_at", [from, to])
      .select(
        knex.raw("count(*) filter (where a.kind = 'back_in_stock')::int as back_in_stock_alerts"),
        knex.raw("count(*) filter (where a.kind = 'price_drop')::int as price_drop_alerts")
      ),
    liveItems(knex)
      .whereBetween("i.created_at", [from, to])
      .groupBy("i.product_id")
      .select("i.product_id", knex.raw("count(distinct i.wishlist_id)::int as wishlists"), knex.raw("count(*)::int as items"))
      .orderBy([{ column: "wishlists", order: "desc" }, { column: "items", order: "desc" }, { column: "i.product_id" }])
      .limit(limit),
    liveItems(knex)
      .whereBetween("i.created_at", [from, to])
      .groupBy("i.variant_id", "i.product_id")
      .select("i.variant_id", "i.product_id", knex.raw("count(distinct i.wishlist_id)::int as wishlists"))
      .orderBy([{ column: "wishlists", order: "desc" }, { column: "i.variant_id" }])
      .limit(limit),
  ])
  return {
    totals: {
      wishlists: lists.wishlists,
      customer_wishlists: lists.customer_wishlists,
      guest_wishlists: lists.wishlists - lists.customer_wishlists,
      items: items.items,
      items_per_list: itemsPerList(items.items, lists.wishlists),
      back_in_stock_alerts: alerts.back_in_stock_alerts,
      price_drop_alerts: alerts.price_drop_alerts,
    },
    top_products: topProducts as TopProductRow[],
    top_variants: topVariants as TopVariantRow[],
  }
}

/** How many live lists hold the product, and how many items (one per variant and list) they hold of it. */
export async function productWishlistCounts(knex: Knex, productId: string): Promise<{ wishlists: number; items: number }> {
  const [row] = await liveItems(knex)
    .where("i.product_id", productId)
    .select(knex.raw("count(distinct i.wishlist_id)::int as wishlists"), knex.raw("count(*)::int as items"))
  return { wishlists: row.wishlists, items: row.items }
}
