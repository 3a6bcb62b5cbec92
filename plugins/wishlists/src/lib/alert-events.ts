import type { MedusaContainer } from "@medusajs/framework/types"
import {
  ContainerRegistrationKeys,
  InventoryEvents,
  InventoryLevelWorkflowEvents,
  Modules,
  PricingEvents,
  ProductVariantWorkflowEvents,
  ReservationItemWorkflowEvents,
} from "@medusajs/framework/utils"

/** Events after which a variant's availability may have changed: they name inventory levels or reservations. */
export const STOCK_EVENTS = {
  levels: [
    InventoryEvents.INVENTORY_LEVEL_CREATED,
    InventoryEvents.INVENTORY_LEVEL_UPDATED,
    InventoryEvents.INVENTORY_LEVEL_DELETED,
    InventoryLevelWorkflowEvents.CREATED,
    InventoryLevelWorkflowEvents.UPDATED,
    InventoryLevelWorkflowEvents.DELETED,
  ],
  reservations: [
    InventoryEvents.RESERVATION_ITEM_CREATED,
    InventoryEvents.RESERVATION_ITEM_UPDATED,
    InventoryEvents.RESERVATION_ITEM_DELETED,
    ReservationItemWorkflowEvents.CREATED,
    ReservationItemWorkflowEvents.UPDATED,
    ReservationItemWorkflowEvents.DELETED,
  ],
} as const

/** Events after which a variant's price may have changed: they name prices, price lists or variants. */
export const PRICE_EVENTS = {
  prices: [PricingEvents.PRICE_CREATED, PricingEvents.PRICE_UPDATED, PricingEvents.PRICE_DELETED],
  priceLists: [PricingEvents.PRICE_LIST_CREATED, PricingEvents.PRICE_LIST_UPDATED, PricingEvents.PRICE_LIST_DELETED],
  variants: [ProductVariantWorkflowEvents.UPDATED],
} as const

export const ALERT_EVENTS: string[] = [...Object.values(STOCK_EVENTS).flat(), ...Object.values(PRICE_EVENTS).flat()]

/** Which kind of alert an event can change. */
export function alertKindsFor(name: string): ("back_in_stock" | "price_drop")[] {
  const stock: readonly string[] = Object.values(STOCK_EVENTS).flat()
  return stock.includes(name) ? ["back_in_stock"] : ["price_drop"]
}

const ids = (data: unknown): string[] => {
  const id = (data as { id?: string | string[] } | undefined)?.id
  return (Array.isArray(id) ? id : id ? [id] : []).filter((v): v is string => typeof v === "string")
}

const has = (list: readonly string[], name: string) => list.includes(name)

/**
 * The variants an event may have changed, and which alerts to check for them. Deleted records
 * are read too: the event of a deleted reservation or price still says which variant it was.
 */
export async function alertsTouchedBy(
  container: MedusaContainer,
  name: string,
  data: unknown
): Promise<{ variant_ids: string[]; kinds: ("back_in_stock" | "price_drop")[] } | null> {
  const eventIds = ids(data)
  if (!eventIds.length) return null
  const query = container.resolve(ContainerRegistrationKeys.QUERY)

  if (has(STOCK_EVENTS.levels, name) || has(STOCK_EVENTS.reservations, name)) {
    const inventory = container.resolve(Modules.INVENTORY)
    const records = has(STOCK_EVENTS.levels, name)
      ? await inventory.listInventoryLevels({ id: eventIds }, { select: ["inventory_item_id"], withDeleted: true })
      : await inventory.listReservationItems({ id: eventIds }, { select: ["inventory_item_id"], withDeleted: true })
    const itemIds = [...new Set(records.map((r) => r.inventory_item_id))]
    if (!itemIds.length) return null
    const { data: links } = await query.graph({ entity: "product_variant_inventory_item", fields: ["variant_id"], filters: { inventory_item_id: itemIds } })
    return { variant_ids: [...new Set((links as { variant_id: string }[]).map((l) => l.variant_id))], kinds: ["back_in_stock"] }
  }

  if (has(PRICE_EVENTS.variants, name)) {
    return { variant_ids: eventIds, kinds: ["price_drop"] }
  }

  if (has(PRICE_EVENTS.prices, name) || has(PRICE_EVENTS.priceLists, name)) {
    const pricing = container.resolve(Modules.PRICING)
    const prices = has(PRICE_EVENTS.prices, name)
      ? await pricing.listPrices({ id: eventIds }, { select: ["price_set_id"], withDeleted: true })
      : await pricing.listPrices({ price_list_id: eventIds }, { select: ["price_set_id"], withDeleted: true })
    const priceSetIds = [...new Set(prices.map((p) => p.price_set_id).filter((id): id is string => !!id))]
    if (!priceSetIds.length) return null
    const { data: links } = await query.graph({ entity: "product_variant_price_set", fields: ["variant_id"], filters: { price_set_id: priceSetIds } })
    return { variant_ids: [...new Set((links as { variant_id: string }[]).map((l) => l.variant_id))], kinds: ["price_drop"] }
  }
  return null
}
