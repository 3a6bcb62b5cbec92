import {
  configureStoreSearch,
  defineMiddlewares,
  validateAndTransformBody,
  validateAndTransformQuery,
  type MedusaNextFunction,
  type MedusaRequest,
  type MedusaResponse,
} from "@medusajs/framework/http"
import { validatePathParams } from "@keel/core"
import { recordStoreSearches, rejectUnusableQueries } from "../lib/search-log"
import { KEEL_SEARCH_MODULE } from "../modules/keel-search"
import type KeelSearchModuleService from "../modules/keel-search/service"
import { AdminCreateStopWord, AdminCreateSynonyms, AdminSearchQueriesParams } from "./admin/search/validators"

let opening: ReturnType<typeof configureStoreSearch> | undefined

/**
 * Opens the plugin's indexes on Medusa's POST /store/search (nothing is searchable there until
 * `configureStoreSearch` opts an index in): `product`, and `product_stock` with the `stockIndex` option.
 */
function openStoreIndexes(req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) {
  if (opening) {
    return opening(req, res, next)
  }
  req.scope
    .resolve<KeelSearchModuleService>(KEEL_SEARCH_MODULE)
    .getOptions()
    .then(({ storeIndexes }) => {
      opening ??= configureStoreSearch({ allowed_indexes: Object.fromEntries(storeIndexes.map((name) => [name, true])) })
      opening(req, res, next)
    }, next)
}

export default defineMiddlewares({
  routes: [
    // Product search (src/search/product.ts), with every search recorded for the search log and analytics.
    {
      matcher: "/store/search",
      method: "POST",
      middlewares: [rejectUnusableQueries, openStoreIndexes, recordStoreSearches],
    },
    { matcher: "/admin/search/queries", method: "GET", middlewares: [validateAndTransformQuery(AdminSearchQueriesParams, {})] },
    { matcher: "/admin/search/synonyms", method: "POST", middlewares: [validateAndTransformBody(AdminCreateSynonyms)] },
    { matcher: "/admin/search/stop-words", method: "POST", middlewares: [validateAndTransformBody(AdminCreateStopWord)] },
    { matcher: "/admin/search/synonyms/:id", method: "DELETE", middlewares: [validatePathParams()] },
    { matcher: "/admin/search/stop-words/:id", method: "DELETE", middlewares: [validatePathParams()] },
  ],
})
