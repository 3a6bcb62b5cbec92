import { defineJoinerConfig } from "@medusajs/framework/utils"
import { Wishlist } from "./models/wishlist"
import { WishlistAlert } from "./models/wishlist-alert"
import { WishlistItem } from "./models/wishlist-item"
import { WishlistNotification } from "./models/wishlist-notification"
import { WishlistShare } from "./models/wishlist-share"

export const WISHLISTS_MODULE = "keelWishlists"

/**
 * How Query reaches the module. The tables (and so the entity names: `keel_wishlist`…) carry the
 * `keel_` prefix, the service's methods do not (`listWishlists`); the generated config would call
 * `listKeelWishlists`, which does not exist, so each entity names its method suffix here.
 */
export const joinerConfig = defineJoinerConfig(WISHLISTS_MODULE, {
  models: [Wishlist, WishlistItem, WishlistShare, WishlistAlert, WishlistNotification],
  alias: [
    { name: ["keel_wishlist", "keel_wishlists"], entity: "KeelWishlist", args: { methodSuffix: "Wishlists" } },
    { name: ["keel_wishlist_item", "keel_wishlist_items"], entity: "KeelWishlistItem", args: { methodSuffix: "WishlistItems" } },
    { name: ["keel_wishlist_share", "keel_wishlist_shares"], entity: "KeelWishlistShare", args: { methodSuffix: "WishlistShares" } },
    { name: ["keel_wishlist_alert", "keel_wishlist_alerts"], entity: "KeelWishlistAlert", args: { methodSuffix: "WishlistAlerts" } },
    { name: ["keel_wishlist_notification", "keel_wishlist_notifications"], entity: "KeelWishlistNotification", args: { methodSuffix: "WishlistNotifications" } },
  ],
})
