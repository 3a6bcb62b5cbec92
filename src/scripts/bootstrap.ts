import fs from "fs"
import path from "path"
import crypto from "crypto"
import type { ExecArgs, Logger, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { createAdminUserWorkflow } from "../workflows/create-admin-user"
import generateImageVariants from "./generate-image-variants"
import { findPublishableKey, readStoreSetup, seedCatalog } from "./seed/seed-catalog"

/**
 * Run by `npm start` (scripts/keel.mjs) after migrations: seeds the catalog when the
 * store has no products, makes sure an admin user exists, and writes what the
 * start script prints (publishable key, admin login) to KEEL_INFO_FILE.
 */
export default async function bootstrap({ container }: ExecArgs) {
  const logger = container.resolve<Logger>(ContainerRegistrationKeys.LOGGER)
  const productModule = container.resolve(Modules.PRODUCT)
  const [, productCount] = await productModule.listAndCountProducts({}, { take: 1 })

  let publishableKey: string
  if (productCount === 0) {
    logger.info("The store is empty: seeding Keel's catalog from data/ ...")
    publishableKey = (await seedCatalog(container, { progress: true })).publishableKey
    // The seed's images get their WebP/AVIF variants, as an admin upload would (~20 s).
    await generateImageVariants({ container, args: [] })
  } else {
    const title = readStoreSetup().publishable_key_title
    publishableKey = (await findPublishableKey(container, title))?.token ?? "(none: run npm run seed)"
  }

  const admin = await ensureAdminUser(container)
  const infoFile = process.env.KEEL_INFO_FILE
  if (infoFile) {
    fs.mkdirSync(path.dirname(infoFile), { recursive: true })
    fs.writeFileSync(infoFile, JSON.stringify({ publishableKey, admin }, null, 2), { mode: 0o600 })
  }
}

/**
 * Creates the first admin user from ADMIN_EMAIL / ADMIN_PASSWORD, or with a generated
 * password, when no user exists. A generated password is returned so it can be printed
 * (and kept in the git-ignored .keel folder) for the newcomer's first login.
 */
async function ensureAdminUser(container: MedusaContainer) {
  const userModule = container.resolve(Modules.USER)
  const [, userCount] = await userModule.listAndCountUsers({}, { take: 1 })
  const email = process.env.ADMIN_EMAIL || "admin@keel.local"
  if (userCount > 0) {
    return { created: false, email }
  }
  const generated = !process.env.ADMIN_PASSWORD
  const password = process.env.ADMIN_PASSWORD || crypto.randomBytes(12).toString("base64url")
  await createAdminUserWorkflow(container).run({ input: { email, password } })
  return { created: true, email, password, generated }
}
