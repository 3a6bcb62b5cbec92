import { Module } from "@medusajs/framework/utils"
import ReviewsModuleService from "./service"

import { REVIEWS_MODULE } from "./joiner-config"

export { REVIEWS_MODULE }

export default Module(REVIEWS_MODULE, {
  service: ReviewsModuleService,
})

export { ReviewsModuleService }
