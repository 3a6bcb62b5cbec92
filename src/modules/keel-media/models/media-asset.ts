import { model } from "@medusajs/framework/utils"

/**
 * A product image uploaded through Keel: the original file (its File Module id and URL)
 * and the responsive variants made from it. `variants` is what a storefront gets in the
 * image's metadata to build a srcset: [{ url, width, height, format, mime_type, size }],
 * plus each variant's file id, used to delete it with the original.
 */
export const MediaAsset = model
  .define("keel_media_asset", {
    id: model.id({ prefix: "media" }).primaryKey(),
    file_id: model.text(),
    url: model.text(),
    hash: model.text(),
    width: model.number(),
    height: model.number(),
    mime_type: model.text(),
    size: model.number(),
    variants: model.json(),
  })
  .indexes([
    { on: ["file_id"], unique: true, where: "deleted_at IS NULL" },
    { on: ["url"], where: "deleted_at IS NULL" },
  ])
