import { Module } from "@medusajs/framework/utils"
import WishlistsModuleService from "./service"

import { WISHLISTS_MODULE } from "./joiner-config"

export { WISHLISTS_MODULE }

export default Module(WISHLISTS_MODULE, {
  service: WishlistsModuleService,
})

export { WishlistsModuleService }
