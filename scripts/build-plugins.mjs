#!/usr/bin/env node
// Builds each plugin workspace in plugins/ (`medusa plugin:build`) whose build output is
// missing or older than its sources. The app consumes plugins from that output, as it
// would an installed npm package. Used by `npm start`, `npm test` and `npm run build:plugins`.
import { spawnSync } from "node:child_process"
import fs from "node:fs"
import path from "node:path"
import { fileURLToPath } from "node:url"
import { fingerprint } from "./lib/fingerprint.mjs"

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..")

export function buildPlugins({ force = false } = {}) {
  const dir = path.join(root, "plugins")
  const plugins = fs.existsSync(dir)
    ? fs.readdirSync(dir).filter((name) => fs.existsSync(path.join(dir, name, "package.json")))
    : []
  for (const name of plugins) {
    const pluginDir = path.join(dir, name)
    const stamp = path.join(pluginDir, ".medusa", "server", ".keel-build")
    const current = fingerprint(["src", "package.json", "tsconfig.json"].map((p) => path.join(pluginDir, p)))
    if (!force && fs.existsSync(stamp) && fs.readFileSync(stamp, "utf8") === current) continue
    console.log(`[keel] building plugin ${name} ...`)
    const result = spawnSync("npm", ["run", "build", "--if-present"], { cwd: pluginDir, stdio: "inherit" })
    if (result.status !== 0) throw new Error(`building plugins/${name} failed`)
    if (fs.existsSync(path.dirname(stamp))) fs.writeFileSync(stamp, current)
  }
  return plugins
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    const built = buildPlugins({ force: process.argv.includes("--force") })
    console.log(built.length ? `[keel] plugins up to date: ${built.join(", ")}` : "[keel] no plugins to build")
  } catch (error) {
    console.error(`[keel] ${error.message}`)
    process.exit(1)
  }
}
