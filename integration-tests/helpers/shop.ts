import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { loadCatalog } from "../../src/scripts/seed/catalog"
import { seedCatalog } from "../../src/scripts/seed/seed-catalog"
import { createAdminUserWorkflow } from "../../src/workflows/create-admin-user"

export const catalog = loadCatalog()

/** Seeds the shop and returns what a storefront and an admin client need. */
export async function seedShop(container: MedusaContainer) {
  const seeded = await seedCatalog(container, { progress: false })
  const email = "merchant@keel.test"
  const password = "a-long-test-password"
  await createAdminUserWorkflow(container).run({ input: { email, password } })
  return { ...seeded, adminEmail: email, adminPassword: password }
}

export function storeHeaders(publishableKey: string) {
  return { headers: { "x-publishable-api-key": publishableKey } }
}

/** Reserved quantity of a variant's inventory item, summed over locations. */
export async function reservedQuantity(container: MedusaContainer, sku: string) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "inventory_item",
    fields: ["id", "location_levels.reserved_quantity", "location_levels.stocked_quantity"],
    filters: { sku },
  })
  const levels = data[0].location_levels ?? []
  return {
    reserved: levels.reduce((sum, level) => sum + Number(level?.reserved_quantity ?? 0), 0),
    stocked: levels.reduce((sum, level) => sum + Number(level?.stocked_quantity ?? 0), 0),
  }
}

export async function countOrders(container: MedusaContainer) {
  const [, count] = await container.resolve(Modules.ORDER).listAndCountOrders({}, { take: 1 })
  return count
}

export const germanAddress = {
  first_name: "Jana",
  last_name: "Seemann",
  address_1: "Elbchaussee 1",
  city: "Hamburg",
  postal_code: "22763",
  country_code: "de",
  phone: "+49 40 000000",
}
