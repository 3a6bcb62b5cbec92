import { MedusaService } from "@medusajs/framework/utils"
import { Wishlist } from "./models/wishlist"
import { WishlistItem } from "./models/wishlist-item"
import { WishlistShare } from "./models/wishlist-share"

class WishlistsModuleService extends MedusaService({ Wishlist, WishlistItem, WishlistShare }) {}

export default WishlistsModuleService
