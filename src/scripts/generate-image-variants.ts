import { Presets, SingleBar } from "cli-progress"
import type { ExecArgs, IFileModuleService, Logger } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError, Modules } from "@medusajs/framework/utils"
import { KEEL_MEDIA_MODULE } from "../modules/keel-media"
import type KeelMediaModuleService from "../modules/keel-media/service"
import { attachImageVariantsWorkflow } from "../workflows/media/attach-image-variants"
import { addImageVariantsWorkflow } from "../workflows/media/upload-product-media"

/**
 * `npx medusa exec ./src/scripts/generate-image-variants.ts`: makes the responsive
 * variants of every product image that has none yet (images from before Keel's media
 * pipeline, the seed catalog, imports) and writes them into the images' metadata, with a
 * progress bar.
 *
 * Safe to re-run: an image whose original already has variants on record is only
 * re-attached to its products, never rendered again. An image that cannot be read or is not
 * an accepted image is reported and skipped; the run goes on.
 */

const PAGE = 100
const PLAIN_LINE_EVERY_MS = 2000

type ProductImages = { id: string; images: { url: string; metadata: Record<string, unknown> | null }[] | null }

export type VariantBackfillSummary = {
  images: number
  generated: number
  reattached: number
  failed: { url: string; reason: string }[]
}

/**
 * The File Module id of a stored file from its URL: the URL's path after the file
 * provider's public base (file_url for S3, backend_url for the local provider).
 */
function fileIdFor(url: string, bases: string[]): string | undefined {
  for (const base of bases) {
    if (url.startsWith(`${base}/`)) {
      return decodeURIComponent(url.slice(base.length + 1).split("?")[0])
    }
  }
  return undefined
}

function fileBases(config: { modules?: Record<string, unknown> }): string[] {
  const file = Object.values(config.modules ?? {}).find(
    (m) => typeof m === "object" && m !== null && String((m as { resolve?: string }).resolve).endsWith("/file")
  ) as { options?: { providers?: { options?: { file_url?: string; backend_url?: string } }[] } } | undefined
  return (file?.options?.providers ?? [])
    .map((p) => p.options?.file_url ?? p.options?.backend_url)
    .filter((base): base is string => !!base)
    .map((base) => base.replace(/\/$/, ""))
}

export default async function generateImageVariants({ container }: ExecArgs): Promise<VariantBackfillSummary> {
  const logger = container.resolve<Logger>(ContainerRegistrationKeys.LOGGER)
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const files = container.resolve<IFileModuleService>(Modules.FILE)
  const media = container.resolve<KeelMediaModuleService>(KEEL_MEDIA_MODULE)
  const bases = fileBases(container.resolve(ContainerRegistrationKeys.CONFIG_MODULE))

  // Every image URL without variants in its metadata, and the products that show it.
  const pending = new Map<string, Set<string>>()
  for (let skip = 0; ; skip += PAGE) {
    const { data } = (await query.graph({
      entity: "product",
      fields: ["id", "images.url", "images.metadata"],
      pagination: { skip, take: PAGE, order: { id: "ASC" } },
    })) as { data: ProductImages[] }
    for (const product of data) {
      for (const image of product.images ?? []) {
        if (!Array.isArray(image.metadata?.variants)) {
          pending.set(image.url, (pending.get(image.url) ?? new Set()).add(product.id))
        }
      }
    }
    if (data.length < PAGE) {
      break
    }
  }

  const summary: VariantBackfillSummary = { images: pending.size, generated: 0, reattached: 0, failed: [] }
  const recorded = new Set(
    pending.size ? (await media.listMediaAssets({ url: [...pending.keys()] }, { select: ["url"] })).map((a) => a.url) : []
  )
  const progress = showProgress(logger, pending.size)
  for (const [url, products] of pending) {
    const productIds = [...products]
    try {
      if (recorded.has(url)) {
        // Rendered by an earlier run (or uploaded through Keel): only the metadata was missing.
        await attachImageVariantsWorkflow(container).run({ input: { product_ids: productIds } })
        summary.reattached++
      } else {
        const fileId = fileIdFor(url, bases)
        const content = fileId ? await files.getAsBuffer(fileId) : await download(url)
        await addImageVariantsWorkflow(container).run({
          input: {
            files: [{ filename: fileId ?? new URL(url).pathname, mimeType: "application/octet-stream", content: content.toString("base64") }],
            // An image stored elsewhere (a URL Keel did not upload) is recorded by its URL.
            originals: [{ file_id: fileId ?? url, url }],
            product_ids: productIds,
          },
        })
        summary.generated++
      }
    } catch (error) {
      summary.failed.push({ url, reason: (error as Error).message })
    }
    progress.tick()
  }
  progress.stop()
  logger.info(
    `Image variants: ${summary.images} images without variants, ${summary.generated} rendered, ` +
      `${summary.reattached} re-attached, ${summary.failed.length} skipped`
  )
  for (const { url, reason } of summary.failed) {
    logger.warn(`Skipped ${url}: ${reason}`)
  }
  return summary
}

async function download(url: string): Promise<Buffer> {
  const response = await fetch(url)
  if (!response.ok) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `GET ${url} answered ${response.status}`)
  }
  return Buffer.from(await response.arrayBuffer())
}

/** A progress bar on a terminal, a line every few seconds otherwise. */
function showProgress(logger: Logger, total: number) {
  const tty = Boolean(process.stdout.isTTY)
  const bar = new SingleBar(
    { format: "Image variants [{bar}] {value}/{total} images | {duration_formatted}", hideCursor: true, stream: process.stdout },
    Presets.shades_classic
  )
  let done = 0
  let lineAt = 0
  if (tty) {
    bar.start(total, 0)
  }
  return {
    tick() {
      done++
      if (tty) {
        bar.update(done)
      } else if (Date.now() - lineAt >= PLAIN_LINE_EVERY_MS || done === total) {
        lineAt = Date.now()
        logger.info(`Image variants: ${done}/${total} images`)
      }
    },
    stop() {
      if (tty) {
        bar.stop()
      }
    },
  }
}
