import { spawn } from "child_process"
import fs from "fs"
import { builtinModules } from "module"
import path from "path"
import { Client } from "pg"

// Keel's packages as another shop gets them: `npm pack` of every workspace, installed from the
// tarballs into a plain Medusa app that knows nothing of Keel (no Keel env, modules or Redis).

const root = path.resolve(__dirname, "..", "..")

type Manifest = {
  name: string
  version: string
  main?: string
  types?: string
  exports?: Record<string, string | Record<string, string>>
  dependencies?: Record<string, string>
  peerDependencies?: Record<string, string>
}

export type Workspace = {
  /** The package name (`@keel/reviews`). */
  name: string
  /** `plugins` or `packages`: the folder of the root's `workspaces` it sits in. */
  folder: string
  dir: string
  manifest: Manifest
}

export type Packed = { workspace: Workspace; tarball: string; files: string[] }

const readJson = (file: string) => JSON.parse(fs.readFileSync(file, "utf8"))

/**
 * Every workspace the root package.json names (`packages/*`, `plugins/*`) that has a package.json,
 * as it is on disk now: packages and plugins added later are found without a list to edit.
 */
export function keelWorkspaces(): Workspace[] {
  const patterns: string[] = readJson(path.join(root, "package.json")).workspaces ?? []
  return patterns.flatMap((pattern) => {
    if (!pattern.endsWith("/*")) throw new Error(`workspace pattern ${pattern}: only "<folder>/*" is understood here`)
    const folder = pattern.slice(0, -2)
    const dir = path.join(root, folder)
    if (!fs.existsSync(dir)) return []
    return fs
      .readdirSync(dir)
      .sort()
      .filter((name) => fs.existsSync(path.join(dir, name, "package.json")))
      .map((name) => {
        const manifest = readJson(path.join(dir, name, "package.json")) as Manifest
        return { name: manifest.name, folder, dir: path.join(dir, name), manifest }
      })
  })
}

/** Runs a command; resolves with its output, rejects with the tail of it when it exits non-zero. */
export function run(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = ""
    const proc = spawn(command, args, { ...options, stdio: ["ignore", "pipe", "pipe"] })
    proc.stdout!.on("data", (c) => (output = (output + c).slice(-200_000)))
    proc.stderr!.on("data", (c) => (output = (output + c).slice(-200_000)))
    proc.once("error", reject)
    proc.once("exit", (code) =>
      code === 0 ? resolve(output) : reject(new Error(`${command} ${args.join(" ")} exited ${code}:\n${output.slice(-4000)}`))
    )
  })
}

/**
 * The environment of a shop that has never heard of Keel: the test runner's own variables without
 * anything Keel, Medusa, a database, Redis or npm set (an outer `npm test` sets npm_config_*).
 */
export function plainEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const foreign =
    /^(KEEL_|REDIS|DATABASE_|DB_|MEDUSA_|STRIPE_|PAYPAL_|S3_|CDN_|MEILISEARCH_|POSTHOG_|STOREFRONT_|ADMIN_|JWT_|COOKIE_|STORE_CORS|AUTH_CORS|npm_|NODE_OPTIONS$|NODE_ENV$|PORT$)/i
  const env: NodeJS.ProcessEnv = {}
  for (const [name, value] of Object.entries(process.env)) if (!foreign.test(name)) env[name] = value
  return { ...env, MEDUSA_DISABLE_TELEMETRY: "true", ...extra }
}

/** `npm pack` of the workspaces into `dest`, in one npm run; each tarball with the files it holds. */
export async function packWorkspaces(workspaces: Workspace[], dest: string): Promise<Packed[]> {
  fs.mkdirSync(dest, { recursive: true })
  const args = ["pack", "--json", "--pack-destination", dest, ...workspaces.flatMap((w) => ["-w", path.relative(root, w.dir)])]
  const output = await run("npm", args, { cwd: root, env: plainEnv() })
  // npm prints the JSON last; lifecycle scripts, if any, print before it.
  const listing = JSON.parse(output.slice(output.indexOf("\n[") + 1 || output.indexOf("["))) as { name: string; filename: string; files: { path: string }[] }[]
  return workspaces.map((workspace) => {
    const entry = listing.find((l) => l.name === workspace.name)
    if (!entry) throw new Error(`npm pack made no tarball for ${workspace.name}`)
    return { workspace, tarball: path.join(dest, entry.filename), files: entry.files.map((f) => f.path) }
  })
}

/** The files a manifest points at (`main`, `types`, every `exports` target without a wildcard). */
export function exportedFiles(manifest: Manifest): string[] {
  const targets = Object.values(manifest.exports ?? {}).flatMap((t) => (typeof t === "string" ? [t] : Object.values(t)))
  return [...new Set([manifest.main, manifest.types, ...targets].filter((t): t is string => !!t && !t.includes("*")))].map((t) =>
    path.posix.normalize(t)
  )
}

/** The version of a package in the root lockfile (what Keel itself runs), or undefined. */
export function lockedVersion(name: string): string | undefined {
  return readJson(path.join(root, "package-lock.json")).packages?.[`node_modules/${name}`]?.version
}

// What Medusa's starter (create-medusa-app) puts in an app, minus its test and admin-build tools.
const MEDUSA_APP = ["@medusajs/medusa", "@medusajs/framework", "@medusajs/cli", "@medusajs/admin-sdk", "@medusajs/ui", "@medusajs/js-sdk", "@medusajs/icons", "react", "react-dom"]
// `medusa` loads medusa-config.ts and the app's sources through ts-node with SWC (tsconfig "ts-node").
const MEDUSA_APP_DEV = ["ts-node", "typescript", "@swc/core"]

export type PlainAppPlugin = { resolve: string; options: Record<string, unknown> }

/**
 * A Medusa 2 app as its starter makes it, in `dir`: package.json (Medusa and the packages' peer
 * dependencies at the versions of Keel's lockfile, each tarball as a `file:` dependency, the root's
 * `allowScripts`), tsconfig.json and a medusa-config.ts that registers `plugins` and nothing else.
 */
export function writePlainApp(dir: string, packs: Packed[], plugins: PlainAppPlugin[]) {
  fs.mkdirSync(dir, { recursive: true })
  const pinned = (name: string, range?: string) => {
    const version = lockedVersion(name) ?? range
    if (!version) throw new Error(`${name} is not in Keel's package-lock.json`)
    return version
  }
  const dependencies: Record<string, string> = {}
  for (const name of MEDUSA_APP) dependencies[name] = pinned(name)
  for (const { workspace } of packs) {
    for (const [name, range] of Object.entries(workspace.manifest.peerDependencies ?? {})) dependencies[name] ??= pinned(name, range)
  }
  for (const { workspace, tarball } of packs) dependencies[workspace.name] = `file:${tarball}`
  const rootManifest = readJson(path.join(root, "package.json"))
  const manifest = {
    name: "plain-medusa-app",
    version: "0.0.1",
    private: true,
    scripts: { start: "medusa start", dev: "medusa develop" },
    dependencies,
    devDependencies: Object.fromEntries(MEDUSA_APP_DEV.map((name) => [name, pinned(name)])),
    // npm 11 runs no install script a package.json does not allow; Keel's root lists the ones
    // it needs and the ones it turns down (SWC and esbuild work through their binary packages).
    allowScripts: rootManifest.allowScripts ?? {},
    engines: { node: ">=20" },
  }
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify(manifest, null, 2) + "\n")
  fs.writeFileSync(
    path.join(dir, "tsconfig.json"),
    JSON.stringify(
      {
        compilerOptions: {
          target: "ES2021",
          esModuleInterop: true,
          module: "Node16",
          moduleResolution: "Node16",
          emitDecoratorMetadata: true,
          experimentalDecorators: true,
          skipLibCheck: true,
          skipDefaultLibCheck: true,
          declaration: false,
          sourceMap: false,
          inlineSourceMap: true,
          outDir: "./.medusa/server",
          rootDir: "./",
          jsx: "react-jsx",
          forceConsistentCasingInFileNames: true,
          resolveJsonModule: true,
          checkJs: false,
          strictNullChecks: true,
        },
        "ts-node": { swc: true },
        include: ["**/*", ".medusa/types/*"],
        exclude: ["node_modules", ".medusa/server", ".medusa/admin", ".cache"],
      },
      null,
      2
    ) + "\n"
  )
  fs.writeFileSync(
    path.join(dir, "medusa-config.ts"),
    `import { defineConfig, loadEnv } from "@medusajs/framework/utils"

loadEnv(process.env.NODE_ENV || "development", process.cwd())

// A plain Medusa app: Medusa's in-memory event bus, workflow engine, locking and cache, no
// modules of its own, and the plugins with only the options they need.
module.exports = defineConfig({
  projectConfig: {
    databaseUrl: process.env.DATABASE_URL,
    http: {
      storeCors: "http://localhost:8000",
      adminCors: "http://localhost:9000",
      authCors: "http://localhost:8000,http://localhost:9000",
      jwtSecret: process.env.JWT_SECRET || "plain-app-jwt-secret",
      cookieSecret: process.env.COOKIE_SECRET || "plain-app-cookie-secret",
    },
  },
  admin: { disable: true },
  plugins: ${JSON.stringify(plugins, null, 2).replace(/\n/g, "\n  ")},
})
`
  )
}

/** A database of the test's own on the PostgreSQL `npm test` uses (DB_HOST etc., else localhost:5432). */
export async function createDatabase(prefix: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${Date.now()}`
  const user = process.env.DB_USERNAME || "postgres"
  const password = process.env.DB_PASSWORD ? `:${encodeURIComponent(process.env.DB_PASSWORD)}` : ""
  const server = `${process.env.DB_HOST || "localhost"}:${process.env.DB_PORT || 5432}`
  const onAdminDb = async (sql: (c: Client) => string) => {
    const client = new Client({ connectionString: `postgres://${user}${password}@${server}/postgres` })
    await client.connect()
    try {
      await client.query(sql(client))
    } finally {
      await client.end()
    }
  }
  await onAdminDb((c) => "CREATE DATABASE " + c.escapeIdentifier(name))
  return {
    url: `postgres://${user}${password}@${server}/${name}`,
    drop: () => onAdminDb((c) => "DROP DATABASE IF EXISTS " + c.escapeIdentifier(name) + " WITH (FORCE)"),
  }
}

/**
 * The tables a package's migrations create (`create table if not exists "…"` in the compiled
 * migrations of each module under `.medusa/server/src/modules/<m>/migrations`).
 */
export function migrationTables(packageDir: string): string[] {
  const modules = path.join(packageDir, ".medusa", "server", "src", "modules")
  if (!fs.existsSync(modules)) return []
  const tables = new Set<string>()
  for (const module of fs.readdirSync(modules)) {
    const migrations = path.join(modules, module, "migrations")
    if (!fs.existsSync(migrations)) continue
    for (const file of fs.readdirSync(migrations).filter((f) => f.endsWith(".js"))) {
      const source = fs.readFileSync(path.join(migrations, file), "utf8")
      for (const match of source.matchAll(/create table (?:if not exists )?\\?"([a-z0-9_]+)\\?"/gi)) tables.add(match[1])
    }
  }
  return [...tables].sort()
}

// require("x"), import … from "x", import "x", import("x"): the module names of compiled code.
const IMPORTS = [
  /\brequire\(\s*"([^"]+)"\s*\)/g,
  /\brequire\(\s*'([^']+)'\s*\)/g,
  /^\s*(?:import|export)\b[^;"']*?\bfrom\s*["']([^"']+)["']/gm,
  /^\s*import\s*["']([^"']+)["']/gm,
  /\bimport\(\s*["']([^"']+)["']\s*\)/g,
]
const BARE = /^(@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*(\/.*)?$/i

/**
 * The packages the JavaScript files of a package import (`@scope/name` or `name`; Node's built-ins
 * left out). Installed from npm, a package finds only what it declares, or what happens to be
 * hoisted beside it: checking the imports against the manifest catches what an install can hide.
 */
export function importedPackages(dir: string, files: string[]): string[] {
  const builtins = new Set(builtinModules)
  const used = new Set<string>()
  for (const file of files.filter((f) => /\.[cm]?js$/.test(f))) {
    const source = fs.readFileSync(path.join(dir, file), "utf8")
    for (const pattern of IMPORTS) {
      for (const [, specifier] of source.matchAll(pattern)) {
        if (specifier.startsWith("node:") || !BARE.test(specifier)) continue
        const name = specifier.split("/").slice(0, specifier.startsWith("@") ? 2 : 1).join("/")
        if (!builtins.has(name)) used.add(name)
      }
    }
  }
  return [...used].sort()
}
