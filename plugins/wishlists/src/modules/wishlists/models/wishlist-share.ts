import { model } from "@medusajs/framework/utils"
import { Wishlist } from "./wishlist"

/** A read-only link to a list: the hash of its token, when it expires, and whether it was revoked. */
export const WishlistShare = model
  .define("keel_wishlist_share", {
    id: model.id({ prefix: "wlsh" }).primaryKey(),
    token_hash: model.text(),
    expires_at: model.dateTime().nullable(),
    revoked_at: model.dateTime().nullable(),
    wishlist: model.belongsTo(() => Wishlist, { mappedBy: "shares" }),
  })
  .indexes([{ on: ["token_hash"], unique: true, where: "deleted_at IS NULL" }])
