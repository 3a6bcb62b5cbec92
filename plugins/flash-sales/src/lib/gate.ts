import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError, Modules } from "@medusajs/framework/utils"
import { FLASH_SALES_MODULE, type FlashSalesModuleService } from "../modules/flash-sales"
import { mergeLines, type ClaimLine, type ClaimStore } from "./claims"

/** The part of the cart completeCartWorkflow queries that the gate reads. */
export type GateCart = {
  id: string
  email?: string | null
  completed_at?: string | Date | null
  sales_channel_id?: string | null
  customer?: { id?: string | null } | null
  customer_id?: string | null
  items?: (GateItem | null)[] | null
}
type GateLevel = {
  location_id?: string | null
  stocked_quantity?: unknown
  reserved_quantity?: unknown
  stock_locations?: StockLocationRef | StockLocationRef[] | null
} | null
type StockLocationRef = { id?: string; sales_channels?: ({ id?: string } | null)[] | null } | null

/** Whether a level's location serves a sales channel (the link reads as one location or a list). */
function servesChannel(level: NonNullable<GateLevel>, channelId: string) {
  const locations = Array.isArray(level.stock_locations) ? level.stock_locations : [level.stock_locations]
  return locations.some((loc) => !!loc?.sales_channels?.some((c) => c?.id === channelId))
}
type GateItem = {
  id: string
  quantity: unknown
  product_id?: string | null
  variant_id?: string | null
  product?: { id?: string | null } | null
  variant?: {
    id?: string
    manage_inventory?: boolean | null
    allow_backorder?: boolean | null
    inventory_items?: ({
      inventory_item_id: string
      required_quantity?: unknown
      inventory?: { location_levels?: GateLevel[] | null } | null
    } | null)[] | null
  } | null
}

export const INSUFFICIENT_INVENTORY = "insufficient_inventory"
export const PURCHASE_LIMIT_EXCEEDED = "purchase_limit_exceeded"

/**
 * Why a completion was refused at the gate. Thrown from the workflow's validate hook; the API's
 * error handler answers it as a 409 with `code` and the ids (src/api/middlewares.ts).
 */
export class FlashSaleRejection extends MedusaError {
  constructor(
    public readonly keelCode: typeof INSUFFICIENT_INVENTORY | typeof PURCHASE_LIMIT_EXCEEDED,
    message: string,
    public readonly variant_ids: string[],
    public readonly product_ids: string[]
  ) {
    // The ids ride in the message as well: a workflow engine may hand the route a serialized copy.
    super(MedusaError.Types.NOT_ALLOWED, message, keelCode)
  }
}

const num = (v: unknown) => Number(v ?? 0)

/** The stock line of each managed inventory item the cart draws on, at the location Medusa will reserve at. */
export function stockLines(cart: GateCart): { lines: ClaimLine[]; variantsByKey: Map<string, Set<string>> } {
  const lines: ClaimLine[] = []
  const variantsByKey = new Map<string, Set<string>>()
  for (const item of cart.items ?? []) {
    const variant = item?.variant
    if (!item || !variant?.manage_inventory || variant.allow_backorder) continue
    const quantity = num(item.quantity)
    for (const link of variant.inventory_items ?? []) {
      if (!link) continue
      const need = num(link.required_quantity ?? 1) * quantity
      const levels = (link.inventory?.location_levels ?? []).filter(
        (l): l is NonNullable<GateLevel> =>
          !!l?.location_id &&
          (!cart.sales_channel_id || servesChannel(l, cart.sales_channel_id))
      )
      // As Medusa's prepareConfirmInventoryInput: the first location with enough, else the first with a level.
      const level = levels.find((l) => num(l.stocked_quantity) - num(l.reserved_quantity) >= need) ?? levels[0]
      if (!level) continue
      const key = `stock:${link.inventory_item_id}:${level.location_id}`
      lines.push({ key, quantity: need })
      if (!variantsByKey.has(key)) variantsByKey.set(key, new Set())
      variantsByKey.get(key)!.add(variant.id ?? item.variant_id ?? "")
    }
  }
  return { lines: mergeLines(lines), variantsByKey }
}

/** What the gate reads of a cart at the door: the cart and its lines, nothing deeper. */
export const GATE_CART_FIELDS = ["id", "email", "completed_at", "sales_channel_id", "customer_id", "items.id", "items.quantity", "items.variant_id", "items.product_id"]

/** What the gate reads of a variant: how it draws on inventory, and where that inventory is. */
const GATE_VARIANT_FIELDS = [
  "id",
  "manage_inventory",
  "allow_backorder",
  "inventory_items.inventory_item_id",
  "inventory_items.required_quantity",
  "inventory_items.inventory.location_levels.location_id",
  "inventory_items.inventory.location_levels.stocked_quantity",
  "inventory_items.inventory.location_levels.reserved_quantity",
  "inventory_items.inventory.location_levels.stock_locations.sales_channels.id",
]
const VARIANT_TTL_MS = 10_000
const variantCache = new Map<string, { variant: GateItem["variant"]; expires: number }>()

/**
 * The cart with each line's variant: how it draws on inventory, kept for 10 s per variant (a sale
 * checks the same few variants thousands of times, and what a variant draws on rarely changes).
 * Only which budget a line claims comes from here; the amounts in stock are the budgets' own.
 */
export async function cartForGate(container: MedusaContainer, cartId: string): Promise<GateCart | null> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity: "cart", fields: GATE_CART_FIELDS, filters: { id: cartId } })
  const cart = data[0] as unknown as GateCart | undefined
  if (!cart) return null
  const now = Date.now()
  const wanted = [...new Set((cart.items ?? []).map((i) => i?.variant_id).filter((v): v is string => !!v))]
  const missing = wanted.filter((id) => (variantCache.get(id)?.expires ?? 0) < now)
  if (missing.length) {
    const { data: variants } = await query.graph({ entity: "product_variant", fields: GATE_VARIANT_FIELDS, filters: { id: missing } })
    for (const v of variants as unknown as NonNullable<GateItem["variant"]>[]) variantCache.set(v.id!, { variant: v, expires: now + VARIANT_TTL_MS })
  }
  cart.items = (cart.items ?? []).map((i) => (i ? { ...i, variant: i.variant_id ? variantCache.get(i.variant_id)?.variant ?? null : null } : i))
  return cart
}

/** A buyer, as a purchase limit counts them: the cart's e-mail (any case), else the customer. */
export function buyerOf(cart: GateCart): string | null {
  // The e-mail first: Medusa makes a guest customer per e-mail spelling, and a logged-in
  // customer's cart carries the account's e-mail.
  if (cart.email) return `email:${cart.email.trim().toLowerCase()}`
  const customerId = cart.customer?.id ?? cart.customer_id
  return customerId ? `cus:${customerId}` : null
}

type ActiveLimit = { id: string; product_id: string; max_quantity: number; starts_at: Date | null; ends_at: Date | null; updated_at: Date }

async function activeLimits(container: MedusaContainer, productIds: string[]): Promise<ActiveLimit[]> {
  if (!productIds.length) return []
  const service = container.resolve<FlashSalesModuleService>(FLASH_SALES_MODULE)
  const now = Date.now()
  const limits = (await service.listPurchaseLimits({ product_id: productIds })) as unknown as ActiveLimit[]
  return limits.filter(
    (l) => (!l.starts_at || new Date(l.starts_at).getTime() <= now) && (!l.ends_at || new Date(l.ends_at).getTime() > now)
  )
}

const limitKey = (limit: ActiveLimit, buyer: string) => `limit:${limit.product_id}:${new Date(limit.updated_at).getTime()}:${buyer}`

function productOf(item: GateItem) {
  return item.product?.id ?? item.product_id ?? null
}

/** Units of a product the buyer has in live orders placed since the limit's window opened. */
async function unitsBought(container: MedusaContainer, limit: ActiveLimit, buyer: string) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const [kind, value] = [buyer.slice(0, buyer.indexOf(":")), buyer.slice(buyer.indexOf(":") + 1)]
  // E-mails are matched without case (ILIKE, with its wildcards escaped), then compared exactly below.
  const filters: Record<string, unknown> = kind === "cus" ? { customer_id: value } : { email: { $ilike: value.replace(/[\\%_]/g, (c) => `\\${c}`) } }
  if (limit.starts_at) filters.created_at = { $gte: limit.starts_at }
  // An order line's quantity lives on its order item ("detail"): without `items.detail.quantity`
  // the graph answers lines with no quantity at all.
  const { data } = await query.graph({ entity: "order", fields: ["id", "status", "email", "items.product_id", "items.detail.quantity"], filters })
  type Line = { product_id?: string | null; quantity?: unknown; detail?: { quantity?: unknown } | null }
  let units = 0
  for (const order of data as { status?: string; email?: string; items?: (Line | null)[] }[]) {
    if (order.status === "canceled") continue
    if (kind === "email" && order.email?.trim().toLowerCase() !== value) continue
    for (const item of order.items ?? []) if (item?.product_id === limit.product_id) units += num(item.detail?.quantity ?? item.quantity)
  }
  return units
}

/** Seeds a budget from the database, unless a claim or release touched its key meanwhile. */
async function seedKey(container: MedusaContainer, store: ClaimStore, key: string, limits: Map<string, { limit: ActiveLimit; buyer: string }>) {
  const { seq, held } = await store.seedState(key)
  let free: number
  if (key.startsWith("stock:")) {
    const [, itemId, locationId] = key.split(":")
    const inventory = container.resolve(Modules.INVENTORY)
    const levels = await inventory.listInventoryLevels({ inventory_item_id: itemId, location_id: locationId })
    free = levels.reduce((sum, l) => sum + num(l.stocked_quantity) - num(l.reserved_quantity), 0)
  } else {
    const { limit, buyer } = limits.get(key)!
    free = limit.max_quantity - (await unitsBought(container, limit, buyer))
  }
  await store.seed(key, seq, Math.max(0, free - held))
}

/**
 * Admits a completing cart or refuses it at once: claims every stock line (and purchase-limit
 * line) of the cart in one atomic step. Refusals are FlashSaleRejection errors naming what is
 * short. Admitted carts hold their claim until the order exists or the completion fails.
 */
export async function admitCart(container: MedusaContainer, cart: GateCart): Promise<{ admitted: boolean; fresh?: boolean }> {
  if (cart.completed_at) return { admitted: false } // completed before: the workflow returns its order
  const store = (await container.resolve<FlashSalesModuleService>(FLASH_SALES_MODULE).claims())
  const { lines: stock, variantsByKey } = stockLines(cart)

  const items = (cart.items ?? []).filter((i): i is GateItem => !!i)
  const productIds = [...new Set(items.map(productOf).filter((p): p is string => !!p))]
  const limits = await activeLimits(container, productIds)
  const buyer = buyerOf(cart)
  const limitLines: ClaimLine[] = []
  const limitKeys = new Map<string, { limit: ActiveLimit; buyer: string }>()
  for (const limit of limits) {
    if (!buyer) continue
    const key = limitKey(limit, buyer)
    limitKeys.set(key, { limit, buyer })
    const units = items.filter((i) => productOf(i) === limit.product_id).reduce((s, i) => s + num(i.quantity), 0)
    limitLines.push({ key, quantity: units })
  }
  const lines = [...stock, ...limitLines]
  if (!lines.length) return { admitted: false }

  for (let attempt = 0; attempt < 8; attempt++) {
    const result = await store.claim(cart.id, lines)
    if (result.ok) return { admitted: true, fresh: !result.existing }
    if ("unseeded" in result) {
      await Promise.all(result.unseeded.map((key) => seedKey(container, store, key, limitKeys)))
      continue
    }
    // Before refusing, a budget with no claim in flight is checked against the database, once a
    // second at most: it heals what no event announced (a missed event, a database restored under
    // a running server, a cancelled order giving a buyer's units back). With claims in flight the
    // budget is trusted: the database would count a claim whose reservation (or order) is made but
    // not yet spent a second time.
    const recheck: string[] = []
    for (const key of result.short) {
      if ((await store.seedState(key)).held === 0 && (await store.markDone(`recheck:${key}`, 1))) recheck.push(key)
    }
    if (recheck.length) {
      await store.invalidate(recheck)
      continue
    }
    const limited = result.short.filter((k) => k.startsWith("limit:"))
    if (limited.length) {
      const products = limited.map((k) => limitKeys.get(k)!.limit)
      throw new FlashSaleRejection(
        PURCHASE_LIMIT_EXCEEDED,
        `Purchase limit reached for product ${products.map((p) => `${p.product_id} (${p.max_quantity} per customer)`).join(", ")}.`,
        items.filter((i) => products.some((p) => p.product_id === productOf(i))).map((i) => i.variant_id ?? "").filter(Boolean),
        products.map((p) => p.product_id)
      )
    }
    const variantIds = [...new Set(result.short.flatMap((k) => [...(variantsByKey.get(k) ?? [])]))]
    const products = [
      ...new Set(items.filter((i) => variantIds.includes(i.variant_id ?? i.variant?.id ?? "")).map(productOf).filter((p): p is string => !!p)),
    ]
    throw new FlashSaleRejection(
      INSUFFICIENT_INVENTORY,
      `Not enough stock left for variant ${variantIds.join(", ")}.`,
      variantIds,
      products
    )
  }
  // The budgets kept changing under the seed: let Medusa's own check under its lock decide.
  return { admitted: false }
}
