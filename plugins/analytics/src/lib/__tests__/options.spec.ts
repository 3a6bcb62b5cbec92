import { MedusaError } from "@medusajs/framework/utils"
import { DEFAULTS, resolveOptions, type AnalyticsPluginOptions } from "../options"
import { ACTIONS } from "../actions"

describe("analytics plugin options", () => {
  it("default to a 48 h late window, batches of 100 at 60 a minute (120 per address), and 24 h signals", () => {
    const expected = {
      lateWindowHours: 48,
      ingest: { maxBatch: 100, batchesPerMinute: 60, batchesPerMinutePerAddress: 120 },
      signals: {
        windowHours: 24,
        zeroResultSearch: { watch: 0.1, act: 0.2 },
        paymentAbandonment: { watch: 0.3, act: 0.5 },
        databaseLoad: { watch: 200, act: 500 },
      },
      actions: ACTIONS,
      catalogCache: null,
    }
    expect(resolveOptions()).toEqual(expected)
    expect(resolveOptions({})).toEqual(expected)
    expect(DEFAULTS).toEqual(expected)
  })

  it("take what is given and default the rest, a threshold's other half included", () => {
    const resolved = resolveOptions({
      lateWindowHours: 6,
      ingest: { maxBatch: 25, batchesPerMinutePerAddress: 30 },
      signals: { windowHours: 12, zeroResultSearch: { watch: 0.05 }, databaseLoad: { act: 900 } },
      redisUrl: "redis://cache:6379",
      trustedProxies: ["10.0.0.0/8"],
    })
    expect(resolved).toEqual({
      lateWindowHours: 6,
      ingest: { maxBatch: 25, batchesPerMinute: 60, batchesPerMinutePerAddress: 30 },
      redisUrl: "redis://cache:6379",
      trustedProxies: ["10.0.0.0/8"],
      signals: {
        windowHours: 12,
        zeroResultSearch: { watch: 0.05, act: 0.2 },
        paymentAbandonment: { watch: 0.3, act: 0.5 },
        databaseLoad: { watch: 200, act: 900 },
      },
      actions: ACTIONS,
      catalogCache: null,
    })
  })

  it("round the ingest limits down to whole numbers and accept numbers written as strings", () => {
    const resolved = resolveOptions({ ingest: { maxBatch: 10.7, batchesPerMinute: 2.2, batchesPerMinutePerAddress: 7.9 }, lateWindowHours: "12" as unknown as number })
    expect(resolved.ingest).toEqual({ maxBatch: 10, batchesPerMinute: 2, batchesPerMinutePerAddress: 7 })
    expect(resolved.lateWindowHours).toBe(12)
  })

  it("accept act equal to watch", () => {
    expect(resolveOptions({ signals: { paymentAbandonment: { watch: 0.4, act: 0.4 } } }).signals.paymentAbandonment).toEqual({ watch: 0.4, act: 0.4 })
  })

  it("refuse a value that is not a number above 0, naming the option", () => {
    const refused: [AnalyticsPluginOptions, string][] = [
      [{ lateWindowHours: 0 }, "@keel/analytics: lateWindowHours must be a number above 0, got 0"],
      [{ lateWindowHours: -1 }, "@keel/analytics: lateWindowHours must be a number above 0, got -1"],
      [{ lateWindowHours: "soon" as unknown as number }, '@keel/analytics: lateWindowHours must be a number above 0, got "soon"'],
      [{ ingest: { maxBatch: 0 } }, "@keel/analytics: ingest.maxBatch must be a number above 0, got 0"],
      [{ ingest: { batchesPerMinute: Infinity } }, "@keel/analytics: ingest.batchesPerMinute must be a number above 0"],
      [{ signals: { windowHours: NaN } }, "@keel/analytics: signals.windowHours must be a number above 0"],
      [{ signals: { zeroResultSearch: { watch: -0.1 } } }, "@keel/analytics: signals.zeroResultSearch.watch must be a number above 0, got -0.1"],
      [{ signals: { databaseLoad: { act: 0 } } }, "@keel/analytics: signals.databaseLoad.act must be a number above 0, got 0"],
    ]
    for (const [options, message] of refused) {
      expect(() => resolveOptions(options)).toThrow(message)
    }
  })

  it("refuse an act threshold below the watch threshold, given or default", () => {
    expect(() => resolveOptions({ signals: { zeroResultSearch: { watch: 0.5, act: 0.4 } } })).toThrow(
      "@keel/analytics: signals.zeroResultSearch.act must not be below signals.zeroResultSearch.watch"
    )
    // the default watch of payment abandonment is 0.3
    expect(() => resolveOptions({ signals: { paymentAbandonment: { act: 0.2 } } })).toThrow("signals.paymentAbandonment.act must not be below signals.paymentAbandonment.watch")
    // the default act of database load is 500
    expect(() => resolveOptions({ signals: { databaseLoad: { watch: 600 } } })).toThrow("signals.databaseLoad.act must not be below signals.databaseLoad.watch")
  })

  it("throw Medusa invalid-argument errors", () => {
    let error: unknown
    try {
      resolveOptions({ lateWindowHours: 0 })
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(MedusaError)
    expect((error as MedusaError).type).toBe(MedusaError.Types.INVALID_ARGUMENT)
  })

  it("take each signal's action and the catalog cache header from the app, with defaults that name no app", () => {
    const plain = resolveOptions({})
    expect(plain.catalogCache).toBeNull()
    expect(plain.actions.database_load).not.toMatch(/KEEL_|front cache/)
    const given = resolveOptions({ actions: { database_load: "Raise MY_TTL." }, catalogCache: { header: "X-Shop-Cache" } })
    expect(given.actions).toEqual({ ...plain.actions, database_load: "Raise MY_TTL." })
    expect(given.catalogCache).toEqual({ header: "x-shop-cache" })
    expect(() => resolveOptions({ actions: { nope: "x" } as never })).toThrow("@keel/analytics: actions.nope must be a non-empty text")
    expect(() => resolveOptions({ actions: { database_load: " " } })).toThrow("actions.database_load must be a non-empty text")
    expect(() => resolveOptions({ catalogCache: { header: "bad header\n" } })).toThrow("catalogCache.header must be a response header name")
  })
})
