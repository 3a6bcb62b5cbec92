import type { IProductModuleService } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { KEEL_MEDIA_MODULE } from "../../../modules/keel-media"
import type KeelMediaModuleService from "../../../modules/keel-media/service"
import type { StoredVariant } from "./store-media"

type Image = { id: string; url: string; rank: number; metadata: Record<string, unknown> | null }
type ProductImages = { id: string; images: Image[] }

/** What a storefront reads from `image.metadata` to build a srcset. */
export type ImageMediaMetadata = {
  width: number
  height: number
  variants: { url: string; width: number; height: number; format: string; mime_type: string; size: number }[]
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null)

/**
 * Writes the variants Keel made for each product image into the image's metadata
 * (`metadata.width`, `metadata.height`, `metadata.variants`), matched by the image URL.
 * Images already up to date are left alone, so the product.updated event this emits ends
 * here. Undone by putting the previous metadata back.
 */
export const setImageVariantsStep = createStep(
  "set-image-variants",
  async (productIds: string[], { container }) => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data: products } = (await query.graph({
      entity: "product",
      fields: ["id", "images.id", "images.url", "images.rank", "images.metadata"],
      filters: { id: productIds },
    })) as { data: ProductImages[] }
    const urls = [...new Set(products.flatMap((p) => (p.images ?? []).map((i) => i.url)))]
    if (!urls.length) {
      return new StepResponse([] as string[], [] as ProductImages[])
    }
    const assets = await container.resolve<KeelMediaModuleService>(KEEL_MEDIA_MODULE).listMediaAssets({ url: urls })
    const byUrl = new Map(assets.map((a) => [a.url, a]))
    const productModule = container.resolve<IProductModuleService>(Modules.PRODUCT)
    const changed: ProductImages[] = []
    for (const product of products) {
      const images = [...(product.images ?? [])].sort((a, b) => a.rank - b.rank)
      let dirty = false
      const next = images.map((image) => {
        const asset = byUrl.get(image.url)
        if (!asset) {
          return image
        }
        const media: ImageMediaMetadata = {
          width: asset.width,
          height: asset.height,
          variants: (asset.variants as unknown as StoredVariant[])
            .map(({ url, width, height, format, mime_type, size }) => ({ url, width, height, format, mime_type, size }))
            .sort((a, b) => a.width - b.width || a.format.localeCompare(b.format)),
        }
        const metadata = image.metadata ?? {}
        if (sameJson(metadata.variants, media.variants) && metadata.width === media.width && metadata.height === media.height) {
          return image
        }
        dirty = true
        return { ...image, metadata: { ...metadata, ...media } }
      })
      if (dirty) {
        await productModule.updateProducts(product.id, {
          images: next.map(({ id, url, rank, metadata }) => ({ id, url, rank, metadata: metadata ?? undefined })),
        })
        changed.push({ id: product.id, images })
      }
    }
    return new StepResponse(
      changed.map((p) => p.id),
      changed
    )
  },
  async (previous, { container }) => {
    const productModule = container.resolve<IProductModuleService>(Modules.PRODUCT)
    for (const product of previous ?? []) {
      await productModule.updateProducts(product.id, {
        images: product.images.map(({ id, url, rank, metadata }) => ({ id, url, rank, metadata: metadata ?? undefined })),
      })
    }
  }
)
