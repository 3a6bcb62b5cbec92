import type { ExecArgs } from "@medusajs/framework/types"
import generateImageVariants from "./generate-image-variants"
import { seedCatalog } from "./seed/seed-catalog"

/** `npm run seed`: loads Keel's catalog from data/ and makes its images' variants (safe to run again). */
export default async function seed({ container }: ExecArgs) {
  const result = await seedCatalog(container)
  await generateImageVariants({ container, args: [] })
  console.log(`Publishable API key: ${result.publishableKey}`)
}
