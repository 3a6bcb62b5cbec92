const numberFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 })

export const formatNumber = (value: number) => numberFormat.format(value)

/** "1 wishlist", "3 wishlists". */
export const countOf = (count: number, one: string, many: string) => `${formatNumber(count)} ${count === 1 ? one : many}`
