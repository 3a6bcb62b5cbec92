import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { addToCartWorkflow, emitEventStep } from "@medusajs/medusa/core-flows"
import { checkCartForWishlistStep } from "./steps/check-cart-for-wishlist"
import { addWishlistItemStep, type AddWishlistItemInput } from "./steps/add-wishlist-item"
import { checkWishlistItemStep } from "./steps/check-wishlist-item"
import { checkWishlistVariantStep } from "./steps/check-wishlist-variant"
import { claimGuestWishlistStep } from "./steps/claim-guest-wishlist"
import { createWishlistShareStep } from "./steps/create-wishlist-share"
import { createWishlistStep, type CreateWishlistInput } from "./steps/create-wishlist"
import { deleteWishlistStep } from "./steps/delete-wishlist"
import { findWishlistStep, type WishlistActor } from "./steps/find-wishlist"
import { removeWishlistItemsStep } from "./steps/remove-wishlist-items"
import { revokeWishlistSharesStep } from "./steps/revoke-wishlist-shares"
import { updateWishlistStep } from "./steps/update-wishlist"

type OnList = { wishlist_id: string } & WishlistActor

/**
 * Emitted when a variant is put on a list (`{ wishlist_id, item_id, variant_id, product_id,
 * customer_id }`, customer_id null for a guest list): analytics counts "Product Added to Wishlist".
 */
export const WISHLIST_ITEM_ADDED_EVENT = "keel_wishlist.item_added"

/** A customer's new list (their first is their default), or a guest's list with its secret token. */
export const createWishlistWorkflow = createWorkflow("create-wishlist", (input: CreateWishlistInput) => {
  return new WorkflowResponse(createWishlistStep(input))
})

export const renameWishlistWorkflow = createWorkflow("rename-wishlist", (input: OnList & { name: string }) => {
  const wishlist = findWishlistStep(input)
  return new WorkflowResponse(updateWishlistStep(transform({ wishlist, input }, ({ wishlist, input }) => ({ id: wishlist.id, name: input.name }))))
})

export const deleteWishlistWorkflow = createWorkflow("delete-wishlist", (input: OnList) => {
  const wishlist = findWishlistStep(input)
  return new WorkflowResponse(deleteWishlistStep(transform({ wishlist }, ({ wishlist }) => wishlist.id)))
})

/**
 * Puts a variant on the actor's list: it must exist and be sold in the list's sales channel.
 * The price the shopper sees (in `region_id`'s or `currency_code`'s currency, else the store's
 * default) is kept with the item, and price-drop alerts compare with it.
 */
export const addWishlistItemWorkflow = createWorkflow(
  "add-wishlist-item",
  (input: OnList & Omit<AddWishlistItemInput, "variant" | "wishlist_id"> & { variant_id: string; region_id?: string; currency_code?: string }) => {
    const wishlist = findWishlistStep(input)
    const variant = checkWishlistVariantStep(
      transform({ wishlist, input }, ({ wishlist, input }) => ({
        variant_id: input.variant_id,
        sales_channel_id: wishlist.sales_channel_id,
        region_id: input.region_id,
        currency_code: input.currency_code,
      }))
    )
    const item = addWishlistItemStep(
      transform({ wishlist, variant, input }, ({ wishlist, variant, input }) => ({
        wishlist_id: wishlist.id,
        variant,
        quantity: input.quantity,
        note: input.note,
        alert_back_in_stock: input.alert_back_in_stock,
        alert_price_drop: input.alert_price_drop,
      }))
    )
    // Only a new line is news: adding the same variant again updates it.
    when({ item }, ({ item }) => item.created).then(() => {
      emitEventStep({
        eventName: WISHLIST_ITEM_ADDED_EVENT,
        data: transform({ wishlist, variant, item }, ({ wishlist, variant, item }) => ({
          wishlist_id: wishlist.id,
          item_id: item.id,
          variant_id: variant.variant_id,
          product_id: variant.product_id,
          customer_id: wishlist.customer_id ?? null,
        })),
      })
    })
    return new WorkflowResponse(item)
  }
)

export const removeWishlistItemWorkflow = createWorkflow("remove-wishlist-item", (input: OnList & { item_id: string }) => {
  const wishlist = findWishlistStep(input)
  const ids = checkWishlistItemStep(transform({ wishlist, input }, ({ wishlist, input }) => ({ item_ids: (wishlist.items ?? []).map((i) => i.id), item_id: input.item_id })))
  return new WorkflowResponse(removeWishlistItemsStep(ids))
})

/** A guest list joins the customer's default list (made if missing); the guest token must match. */
export const claimGuestWishlistWorkflow = createWorkflow(
  "claim-guest-wishlist",
  (input: { wishlist_id: string; guest_token: string; customer_id: string; sales_channel_id: string; default_wishlist_id?: string | null }) => {
    const guest = findWishlistStep(transform({ input }, ({ input }) => ({ wishlist_id: input.wishlist_id, guest_token: input.guest_token })))
    const result = claimGuestWishlistStep(
      transform({ guest, input }, ({ guest, input }) => ({
        guest_wishlist_id: guest.id,
        guest_items: (guest.items ?? []).map((i) => ({
          id: i.id,
          variant_id: i.variant_id,
          product_id: i.product_id,
          quantity: i.quantity,
          note: i.note ?? null,
          added_price: i.added_price === null || i.added_price === undefined ? null : Number(i.added_price),
          added_currency_code: i.added_currency_code ?? null,
          alerts: (i.alerts ?? []).map((a) => ({
            kind: a.kind,
            in_stock: a.in_stock ?? null,
            currency_code: a.currency_code ?? null,
            region_id: a.region_id ?? null,
            saved_amount: a.saved_amount === null || a.saved_amount === undefined ? null : Number(a.saved_amount),
            reference_amount: a.reference_amount === null || a.reference_amount === undefined ? null : Number(a.reference_amount),
          })),
        })),
        target_wishlist_id: input.default_wishlist_id!,
      }))
    )
    return new WorkflowResponse(result)
  }
)

export const shareWishlistWorkflow = createWorkflow("share-wishlist", (input: OnList & { expires_in?: number | null }) => {
  const wishlist = findWishlistStep(input)
  return new WorkflowResponse(createWishlistShareStep(transform({ wishlist, input }, ({ wishlist, input }) => ({ wishlist_id: wishlist.id, expires_in: input.expires_in }))))
})

export const revokeWishlistSharesWorkflow = createWorkflow("revoke-wishlist-shares", (input: OnList) => {
  const wishlist = findWishlistStep(input)
  return new WorkflowResponse(revokeWishlistSharesStep(transform({ wishlist }, ({ wishlist }) => wishlist.id)))
})

/**
 * Moves an item into a cart: the cart gets the line (Medusa's add-to-cart, with its stock and
 * price checks), then the item leaves the list. When adding fails, the list is unchanged; when
 * removing fails, the cart line is taken out again.
 */
export const moveWishlistItemToCartWorkflow = createWorkflow(
  "move-wishlist-item-to-cart",
  (input: OnList & { item_id: string; cart_id: string }) => {
    const wishlist = findWishlistStep(input)
    const ids = checkWishlistItemStep(transform({ wishlist, input }, ({ wishlist, input }) => ({ item_ids: (wishlist.items ?? []).map((i) => i.id), item_id: input.item_id })))
    const cartId = checkCartForWishlistStep(transform({ input }, ({ input }) => ({ cart_id: input.cart_id, customer_id: input.customer_id })))
    const line = transform({ wishlist, input, cartId }, ({ wishlist, input, cartId }) => {
      const item = (wishlist.items ?? []).find((i) => i.id === input.item_id)!
      return { cart_id: cartId, items: [{ variant_id: item.variant_id, quantity: item.quantity }] }
    })
    addToCartWorkflow.runAsStep({ input: line })
    return new WorkflowResponse(removeWishlistItemsStep(ids))
  }
)
