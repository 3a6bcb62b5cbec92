import type { MedusaContainer } from "@medusajs/framework/types"
import { recoverCompletions } from "../lib/recover"

/** Every minute: completions cut off by a crash are undone, and their claims given back (src/lib/recover.ts). */
export default async function recoverFlashSaleCompletions(container: MedusaContainer) {
  await recoverCompletions(container)
}

export const config = {
  name: "keel-flash-sales-recover",
  schedule: "* * * * *",
}
