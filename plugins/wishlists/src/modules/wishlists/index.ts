import { Module } from "@medusajs/framework/utils"
import WishlistsModuleService from "./service"

export const WISHLISTS_MODULE = "keelWishlists"

export default Module(WISHLISTS_MODULE, {
  service: WishlistsModuleService,
})

export { WishlistsModuleService }
