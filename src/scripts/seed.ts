import type { ExecArgs } from "@medusajs/framework/types"
import { seedCatalog } from "./seed/seed-catalog"

/** `npm run seed`: loads Keel's catalog from data/ (safe to run again). */
export default async function seed({ container }: ExecArgs) {
  const result = await seedCatalog(container)
  console.log(`Publishable API key: ${result.publishableKey}`)
}
