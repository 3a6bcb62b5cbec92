import type { RemoteQueryFunction } from "@medusajs/framework/types"
import { getVariantAvailability, MedusaError, QueryContext } from "@medusajs/framework/utils"
import type { AlertReading } from "./alert-rules"

type Query = Omit<RemoteQueryFunction, symbol>

/** Where a price is read: a currency, and a region when the shopper named one (its taxes and price rules). */
export type PriceContext = { currency_code: string; region_id: string | null }

/**
 * The currency a shopper sees prices in: the region's when they name one (a region that does
 * not exist is a 400), the currency they name, else the store's default currency.
 */
export async function resolvePriceContext(query: Query, input: { region_id?: string | null; currency_code?: string | null }): Promise<PriceContext> {
  if (input.region_id) {
    const { data } = await query.graph({ entity: "region", fields: ["id", "currency_code"], filters: { id: input.region_id } })
    if (!data[0]) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `Region with id: ${input.region_id} was not found`)
    }
    return { currency_code: data[0].currency_code, region_id: data[0].id }
  }
  if (input.currency_code) {
    return { currency_code: input.currency_code.toLowerCase(), region_id: null }
  }
  const { data: stores } = await query.graph({ entity: "store", fields: ["supported_currencies.currency_code", "supported_currencies.is_default"] })
  const currencies = (stores[0]?.supported_currencies ?? []) as { currency_code: string; is_default: boolean }[]
  const fallback = currencies.find((c) => c.is_default) ?? currencies[0]
  if (!fallback) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, "The store has no currency: name a region_id or currency_code")
  }
  return { currency_code: fallback.currency_code, region_id: null }
}

const priceKey = (c: PriceContext) => `${c.currency_code}|${c.region_id ?? ""}`

/** A check to make: this variant, sold in this sales channel, priced in this context. */
export type ReadingRequest = { variant_id: string; sales_channel_id: string; price: PriceContext | null }

/**
 * What the shop says now about each requested variant: whether it still exists, its
 * availability in the sales channel (Medusa's own figure, null when stock is not managed) and
 * its calculated price in the context (null when it has none there). One query per sales
 * channel and per price context, whatever the number of variants.
 */
export async function readVariants(query: Query, requests: ReadingRequest[]): Promise<(req: ReadingRequest) => AlertReading> {
  const variantIds = [...new Set(requests.map((r) => r.variant_id))]
  if (!variantIds.length) {
    return () => ({ exists: false, availability: null, amount: null })
  }
  const { data: live } = await query.graph({ entity: "product_variant", fields: ["id"], filters: { id: variantIds } })
  const exists = new Set((live as { id: string }[]).map((v) => v.id))

  const availability = new Map<string, Map<string, number | null>>()
  const bySalesChannel = groupBy(requests, (r) => r.sales_channel_id)
  for (const [channel, group] of bySalesChannel) {
    const ids = [...new Set(group.map((r) => r.variant_id))].filter((id) => exists.has(id))
    const result = ids.length ? await getVariantAvailability(query, { variant_ids: ids, sales_channel_id: channel }) : {}
    availability.set(channel, new Map(ids.map((id) => [id, result[id]?.availability ?? null])))
  }

  const prices = new Map<string, Map<string, number | null>>()
  const byPrice = groupBy(
    requests.filter((r) => r.price),
    (r) => priceKey(r.price!)
  )
  for (const [key, group] of byPrice) {
    const context = group[0].price!
    const ids = [...new Set(group.map((r) => r.variant_id))].filter((id) => exists.has(id))
    const { data } = ids.length
      ? await query.graph({
          entity: "product_variant",
          fields: ["id", "calculated_price.calculated_amount"],
          filters: { id: ids },
          context: { calculated_price: QueryContext({ currency_code: context.currency_code, ...(context.region_id ? { region_id: context.region_id } : {}) }) },
        })
      : { data: [] }
    const amounts = new Map<string, number | null>()
    for (const v of data as { id: string; calculated_price?: { calculated_amount?: number | null } | null }[]) {
      const amount = v.calculated_price?.calculated_amount
      amounts.set(v.id, amount === null || amount === undefined ? null : Number(amount))
    }
    prices.set(key, amounts)
  }

  return (req) => ({
    exists: exists.has(req.variant_id),
    availability: availability.get(req.sales_channel_id)?.get(req.variant_id) ?? null,
    amount: req.price ? prices.get(priceKey(req.price))?.get(req.variant_id) ?? null : null,
  })
}

function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>()
  for (const item of items) {
    const k = key(item)
    groups.set(k, [...(groups.get(k) ?? []), item])
  }
  return groups
}
