import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import {
  ContainerRegistrationKeys,
  InventoryEvents,
  InventoryLevelWorkflowEvents,
  Modules,
  OrderWorkflowEvents,
  ReservationItemWorkflowEvents,
} from "@medusajs/framework/utils"
import { FLASH_SALES_MODULE, type FlashSalesModuleService } from "../modules/flash-sales"

// Stock changed outside a checkout: a merchant's level change, a reservation deleted (an order
// canceled, a completion compensated) or edited. The budget of that item and location is dropped
// and read again from the database by the next checkout. Reservations created by checkouts are
// not listed: the gate counted them already.
const STOCK_CHANGES: string[] = [
  InventoryLevelWorkflowEvents.CREATED,
  InventoryLevelWorkflowEvents.UPDATED,
  InventoryLevelWorkflowEvents.DELETED,
  InventoryEvents.RESERVATION_ITEM_DELETED,
  InventoryEvents.RESERVATION_ITEM_UPDATED,
  ReservationItemWorkflowEvents.DELETED,
  ReservationItemWorkflowEvents.UPDATED,
]

const ids = (data: unknown): string[] => {
  const id = (data as { id?: string | string[] } | undefined)?.id
  return (Array.isArray(id) ? id : id ? [id] : []).filter((v): v is string => typeof v === "string")
}

export default async function flashSaleClaims({ event, container }: SubscriberArgs<{ id: string | string[] }>) {
  const claims = (await container.resolve<FlashSalesModuleService>(FLASH_SALES_MODULE).claims())
  const eventIds = ids(event.data)
  if (!eventIds.length) return

  if (event.name === OrderWorkflowEvents.PLACED) {
    // The order exists with its reservations: the cart's claim is spent.
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data } = await query.graph({ entity: "order_cart", fields: ["cart_id"], filters: { order_id: eventIds } })
    await Promise.all(data.map((row: { cart_id: string }) => claims.commit(row.cart_id)))
    return
  }

  const inventory = container.resolve(Modules.INVENTORY)
  const isReservation = event.name.includes("reservation")
  const rows = isReservation
    ? await inventory.listReservationItems({ id: eventIds }, { withDeleted: true, select: ["inventory_item_id", "location_id"] })
    : await inventory.listInventoryLevels({ id: eventIds }, { withDeleted: true, select: ["inventory_item_id", "location_id"] })
  await claims.invalidate(rows.map((r) => `stock:${r.inventory_item_id}:${r.location_id}`))
}

export const config: SubscriberConfig = {
  event: [OrderWorkflowEvents.PLACED, ...STOCK_CHANGES],
  context: { subscriberId: "keel-flash-sale-claims" },
}
