import { defineConfig, loadEnv } from "@medusajs/framework/utils"
import { flashSaleLockingModule } from "@keel/flash-sales/locking"

loadEnv(process.env.NODE_ENV || "development", process.cwd())

// Keel runs in one of two profiles, chosen by the environment:
// - embedded default: no DATABASE_URL; `npm start` (scripts/keel.mjs) runs an
//   embedded PostgreSQL and hands its URL to Medusa as DATABASE_URL. Medusa's
//   in-memory event bus, workflow engine, locking and cache are used.
// - external: DATABASE_URL points at a PostgreSQL you run.
// - production: REDIS_URL adds Redis-backed infrastructure (event bus, workflow engine,
//   locking, Medusa's caching module) and Keel's catalog response cache, so several
//   server and worker processes can share one PostgreSQL and one Redis.
const port = process.env.PORT || "9000"
const backendUrl = (process.env.MEDUSA_BACKEND_URL || `http://localhost:${port}`).replace(/\/$/, "")
const embeddedPgPort = process.env.KEEL_PG_PORT || "54329"
const databaseUrl =
  process.env.DATABASE_URL || `postgres://postgres:postgres@localhost:${embeddedPgPort}/keel`

// Storefront (Next.js starter on :8000), admin dev servers and Medusa's own defaults.
const STORE_CORS_DEFAULT = "http://localhost:8000,http://localhost:3000"
const ADMIN_CORS_DEFAULT = `http://localhost:5173,http://localhost:7000,http://localhost:7001,${backendUrl}`
const AUTH_CORS_DEFAULT = `${STORE_CORS_DEFAULT},${ADMIN_CORS_DEFAULT}`

// A Secure session cookie is dropped by express-session over plain http, which would
// make the admin login loop on http://localhost. Secure follows the backend URL.
const secureCookies = process.env.COOKIE_SECURE
  ? process.env.COOKIE_SECURE === "true"
  : backendUrl.startsWith("https://")

const redisUrl = process.env.REDIS_URL
// Proxies in front of Keel whose X-Forwarded-For names the client (a load balancer, a CDN, a storefront
// server calling the store API for its shoppers): budgets count each shopper, not the proxy. Default: none.
const trustedProxies = process.env.KEEL_TRUSTED_PROXIES || undefined
// What every plugin with budgets (rate limits) needs to count per client across the shop's processes.
const budgetOptions = { redisUrl, trustedProxies }
// The same build runs as an HTTP server, a background worker (subscribers, jobs,
// workflows) or both, chosen by MEDUSA_WORKER_MODE.
const workerMode = (process.env.MEDUSA_WORKER_MODE || "shared") as "shared" | "worker" | "server"

const redisModules = redisUrl
  ? [
      { resolve: "@medusajs/medusa/event-bus-redis", options: { redisUrl } },
      { resolve: "@medusajs/medusa/workflow-engine-redis", options: { redis: { redisUrl } } },
      // Lock waits a flash sale needs (@keel/flash-sales, README "Install"): admitted buyers re-poll
      // within 25 ms and wait up to 60 s instead of giving up after 5 s.
      flashSaleLockingModule(redisUrl),
      {
        resolve: "@medusajs/medusa/caching",
        options: {
          providers: [
            { resolve: "@medusajs/medusa/caching-redis", id: "caching-redis", is_default: true, options: { redisUrl } },
          ],
        },
      },
    ]
  : []

// Product files: the local provider (files under KEEL_UPLOAD_DIR, served at /static) unless
// S3_BUCKET is set, then Medusa's S3 provider on AWS S3 or any S3-compatible server. Every
// key Keel writes is unique (a content hash and a ulid), so objects are cached as immutable.
// With CDN_URL, the URLs stored on products point at the CDN instead of the bucket.
function fileProvider() {
  const bucket = process.env.S3_BUCKET
  if (!bucket) {
    return {
      resolve: "@medusajs/medusa/file-local",
      id: "local",
      // `npm start` keeps uploads in its data folder (KEEL_UPLOAD_DIR) and serves
      // them at /static; otherwise Medusa's default ./static is used.
      options: {
        backend_url: (process.env.CDN_URL || `${backendUrl}/static`).replace(/\/$/, ""),
        upload_dir: process.env.KEEL_UPLOAD_DIR || undefined,
      },
    }
  }
  const region = process.env.S3_REGION || "us-east-1"
  const endpoint = process.env.S3_ENDPOINT || undefined
  const pathStyle = process.env.S3_FORCE_PATH_STYLE === "true"
  // Where objects are read from without a CDN: the bucket's own URL.
  const bucketUrl =
    process.env.S3_FILE_URL ||
    (endpoint
      ? pathStyle
        ? `${endpoint.replace(/\/$/, "")}/${bucket}`
        : endpoint.replace(/^(https?:\/\/)/, `$1${bucket}.`).replace(/\/$/, "")
      : `https://${bucket}.s3.${region}.amazonaws.com`)
  // S3_ACL: "public-read" (the default: objects readable by anyone), "private" (a private
  // bucket read through a CDN's origin access), or "none" to send no ACL at all (buckets
  // with Object Ownership "bucket owner enforced" refuse ACLs).
  const acl = process.env.S3_ACL === "none" ? false : process.env.S3_ACL || undefined
  return {
    resolve: "@medusajs/medusa/file-s3",
    id: "s3",
    options: {
      file_url: (process.env.CDN_URL || bucketUrl).replace(/\/$/, ""),
      access_key_id: process.env.S3_ACCESS_KEY_ID,
      secret_access_key: process.env.S3_SECRET_ACCESS_KEY,
      // Without keys, the AWS SDK's own credential chain (instance role, env, profile).
      authentication_method: process.env.S3_ACCESS_KEY_ID ? "access-key" : "s3-iam-role",
      region,
      bucket,
      endpoint,
      prefix: process.env.S3_PREFIX || undefined,
      cache_control: process.env.S3_CACHE_CONTROL || "public, max-age=31536000, immutable",
      download_file_duration: process.env.S3_DOWNLOAD_URL_TTL ? Number(process.env.S3_DOWNLOAD_URL_TTL) : undefined,
      acl,
      additional_client_config: { forcePathStyle: pathStyle },
    },
  }
}

// Payment providers beside Medusa's system provider (pp_system_default), each when its keys are set.
// Stripe: Medusa's payment-stripe with Keel's changes (src/modules/payment-stripe), provider
// pp_stripe_stripe, webhooks at /hooks/payment/stripe_stripe. Automatic payment methods let the
// Payment Element offer cards, Apple Pay and Google Pay. STRIPE_API_HOST etc. point the client at
// another server (tests).
function paymentProviders() {
  const providers: { resolve: string; id: string; options: Record<string, unknown> }[] = []
  if (process.env.STRIPE_API_KEY) {
    providers.push({
      resolve: "./src/modules/payment-stripe",
      id: "stripe",
      options: {
        apiKey: process.env.STRIPE_API_KEY,
        webhookSecret: process.env.STRIPE_WEBHOOK_SECRET,
        capture: process.env.STRIPE_CAPTURE === "true",
        automaticPaymentMethods: process.env.STRIPE_AUTOMATIC_PAYMENT_METHODS !== "false",
        paymentDescription: process.env.STRIPE_PAYMENT_DESCRIPTION || undefined,
        apiHost: process.env.STRIPE_API_HOST || undefined,
        apiPort: process.env.STRIPE_API_PORT ? Number(process.env.STRIPE_API_PORT) : undefined,
        apiProtocol: process.env.STRIPE_API_PROTOCOL || undefined,
      },
    })
  }
  // PayPal (src/modules/payment-paypal): pp_paypal_paypal, webhooks at /hooks/payment/paypal_paypal.
  if (process.env.PAYPAL_CLIENT_ID) {
    providers.push({
      resolve: "./src/modules/payment-paypal",
      id: "paypal",
      options: {
        clientId: process.env.PAYPAL_CLIENT_ID,
        clientSecret: process.env.PAYPAL_CLIENT_SECRET,
        environment: process.env.PAYPAL_ENVIRONMENT || "sandbox",
        webhookId: process.env.PAYPAL_WEBHOOK_ID || undefined,
        capture: process.env.PAYPAL_CAPTURE === "true",
        brandName: process.env.PAYPAL_BRAND_NAME || undefined,
      },
    })
  }
  return providers
}

// Store search (@keel/search): MEILISEARCH_HOST moves the product index to Meilisearch; Keel's
// typo-tolerant PostgreSQL provider stays registered beside it. KEEL_SEARCH_STOCK_INDEX (bench/search
// only) adds the product index again on Medusa's stock provider.
const meilisearchHost = process.env.MEILISEARCH_HOST
const stockSearchIndex = process.env.KEEL_SEARCH_STOCK_INDEX === "true"
const searchCurrencies = process.env.KEEL_SEARCH_CURRENCIES?.split(",")
  .map((code) => code.trim())
  .filter(Boolean)

module.exports = defineConfig({
  projectConfig: {
    databaseUrl,
    databaseLogging: process.env.DATABASE_LOGGING === "true",
    redisUrl,
    workerMode,
    http: {
      storeCors: process.env.STORE_CORS || STORE_CORS_DEFAULT,
      adminCors: process.env.ADMIN_CORS || ADMIN_CORS_DEFAULT,
      authCors: process.env.AUTH_CORS || AUTH_CORS_DEFAULT,
      jwtSecret: process.env.JWT_SECRET || "supersecret",
      cookieSecret: process.env.COOKIE_SECRET || "supersecret",
    },
    cookieOptions: { secure: secureCookies },
  },
  admin: {
    disable: process.env.ADMIN_DISABLED === "true" || workerMode === "worker",
  },
  // Keel's plugins (plugins/*), consumed from their build output as any shop would from npm.
  plugins: [
    // Product reviews and ratings (plugins/reviews/README.md for the options).
    {
      resolve: "@keel/reviews",
      options: { ...budgetOptions, ...(process.env.STOREFRONT_URL ? { reviewRequests: { storefrontUrl: process.env.STOREFRONT_URL } } : {}) },
    },
    // Wishlists: named lists, guest lists claimed on login, share links, back-in-stock and
    // price-drop alerts (plugins/wishlists/README.md).
    {
      resolve: "@keel/wishlists",
      options: {
        ...budgetOptions,
        ...(process.env.KEEL_WISHLIST_PRICE_DROP_PERCENT ? { priceDropPercent: Number(process.env.KEEL_WISHLIST_PRICE_DROP_PERCENT) } : {}),
      },
    },
    // Analytics: event store, server-side capture, storefront ingest, rollups, metrics and
    // Signals (plugins/analytics/README.md for the options).
    {
      resolve: "@keel/analytics",
      options: {
        ...budgetOptions,
        // The catalog cache tells hit or miss in x-keel-cache; the signals' advice names Keel's own settings.
        catalogCache: { header: "x-keel-cache" },
        actions: {
          zero_result_search:
            "Shoppers search for things the catalog does not answer: turn on typo-tolerant (fuzzy) search — the Meilisearch provider, or pg_trgm in the Postgres provider — and add synonyms for the top zero-result queries.",
          database_load:
            "The database is the bottleneck at peak: cache the catalog more aggressively (longer KEEL_CACHE_TTL, the front cache lane) and move catalog reads to a read replica.",
        },
      },
    },
    // Store search: synonyms, stop words, the search log, the admin's Store search page, and the
    // index definition (plugins/search/README.md). Its providers are registered below.
    {
      resolve: "@keel/search",
      options: { ...(searchCurrencies?.length ? { currencies: searchCurrencies } : {}), stockIndex: stockSearchIndex },
    },
    // Flash sales: an atomic admission gate in front of Medusa's inventory lock (a sold-out
    // checkout answers 409 insufficient_inventory at once), per-customer purchase limits, and
    // recovery of completions cut off by a crash (plugins/flash-sales/README.md).
    {
      resolve: "@keel/flash-sales",
      options: {
        redisUrl,
        recoverAfterSeconds: process.env.KEEL_FLASH_RECOVER_AFTER_SECONDS ? Number(process.env.KEEL_FLASH_RECOVER_AFTER_SECONDS) : undefined,
      },
    },
  ],
  modules: [
    // Notifications (review invitations, …): Medusa's local provider writes them to the log; a
    // shop adds its e-mail provider (SendGrid, Resend, …) for the "email" channel.
    {
      resolve: "@medusajs/medusa/notification",
      options: {
        providers: [{ resolve: "@medusajs/medusa/notification-local", id: "local", options: { name: "Local notifications", channels: ["email"] } }],
      },
    },
    {
      resolve: "@medusajs/medusa/file",
      options: { providers: [fileProvider()] },
    },
    // Medusa's Analytics Module, only with a destination: every event @keel/analytics stores is
    // also tracked in PostHog when POSTHOG_EVENTS_KEY is set.
    ...(process.env.POSTHOG_EVENTS_KEY
      ? [
          {
            resolve: "@medusajs/medusa/analytics",
            options: {
              providers: [
                {
                  resolve: "@medusajs/medusa/analytics-posthog",
                  id: "posthog",
                  options: { posthogEventsKey: process.env.POSTHOG_EVENTS_KEY, posthogHost: process.env.POSTHOG_HOST || "https://eu.i.posthog.com" },
                },
              ],
            },
          },
        ]
      : []),
    // Keel's product media: uploaded images and their responsive variants (src/workflows/media).
    { resolve: "./src/modules/keel-media" },
    // Payments: providers by env; Keel's record of payment webhook events (one application per event id).
    ...(paymentProviders().length
      ? [
          {
            resolve: "@medusajs/medusa/payment",
            options: {
              providers: paymentProviders(),
              // How long a webhook waits before it is processed (Medusa's default: 5 s).
              webhook_delay: process.env.PAYMENT_WEBHOOK_DELAY_MS ? Number(process.env.PAYMENT_WEBHOOK_DELAY_MS) : undefined,
            },
          },
        ]
      : []),
    { resolve: "./src/modules/keel-payments" },
    // Keel's catalog response cache (src/modules/keel-cache): on with REDIS_URL, on the process's one
    // shared Redis connection; the front lane unless KEEL_FRONT_CACHE=false.
    {
      resolve: "./src/modules/keel-cache",
      options: {
        redisUrl,
        ttlSeconds: Number(process.env.KEEL_CACHE_TTL) || 300,
        edgeMaxAge: Number(process.env.KEEL_EDGE_MAX_AGE ?? 2),
        edgeStaleWhileRevalidate: Number(process.env.KEEL_EDGE_SWR ?? 8),
        frontLane: process.env.KEEL_FRONT_CACHE !== "false",
      },
    },
    {
      resolve: "@medusajs/medusa/search",
      options: {
        providers: [
          // Medusa's search-postgres with typo tolerance served by an index (@keel/search).
          { resolve: "@keel/search/providers/keel-postgres", id: "keel" },
          // bench/search only: Medusa's stock provider behind a second index (the plugin's stockIndex option).
          ...(stockSearchIndex ? [{ resolve: "@medusajs/search-postgres", id: "stock" }] : []),
          ...(meilisearchHost
            ? [
                {
                  resolve: "@keel/search/providers/meilisearch",
                  id: "meilisearch",
                  options: {
                    host: meilisearchHost,
                    api_key: process.env.MEILISEARCH_API_KEY || undefined,
                    index_prefix: process.env.MEILISEARCH_INDEX_PREFIX || undefined,
                  },
                },
              ]
            : []),
        ],
        // The provider of the indexes that name none: the plugin's product index.
        default_provider: meilisearchHost ? "keel-meilisearch" : "keel-postgres",
      },
    },
    ...redisModules,
  ],
  // Medusa's caching module only caches with its feature flag on.
  featureFlags: redisUrl ? { caching: true } : {},
})
