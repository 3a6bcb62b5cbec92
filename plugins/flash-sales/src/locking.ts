/**
 * The settings Medusa's locking module needs under a flash sale, for the app's `medusa-config.ts`
 * (a plugin cannot set another module's options). Checkouts the gate admitted queue on their
 * inventory item's lock while each reserves in turn. Medusa's defaults give up after 5 s and poll
 * with a back-off of up to 1 s, so admitted buyers would wait on an idle lock and then be turned
 * away; with these a waiter re-polls within 25 ms and waits up to 60 s (only buyers the gate
 * admitted, at most the units in stock, ever queue).
 */
export const FLASH_SALE_LOCK_WAIT = { waitLockingTimeout: 60, defaultRetryInterval: 5, maximumRetryInterval: 25, backoffFactor: 1.5 } as const

/**
 * Medusa's locking module on Redis with FLASH_SALE_LOCK_WAIT, as an entry of `modules`. In Medusa
 * 2.21.2 the Redis provider is built with the module's options, not its own, so the settings sit on
 * both.
 */
export function flashSaleLockingModule(redisUrl: string) {
  return {
    resolve: "@medusajs/medusa/locking",
    options: {
      ...FLASH_SALE_LOCK_WAIT,
      providers: [
        { resolve: "@medusajs/medusa/locking-redis", id: "locking-redis", is_default: true, options: { redisUrl, ...FLASH_SALE_LOCK_WAIT } },
      ],
    },
  }
}
