#!/usr/bin/env node
// Builds each workspace whose build output is missing or older than its sources: first the
// shared libraries in packages/ (`tsc`, into dist/), which plugins import, then each plugin in
// plugins/ (`medusa plugin:build`, into .medusa/server). The app consumes both from that
// output, as it would installed npm packages. Used by `npm start`, `npm test` and
// `npm run build:plugins`.
import { spawnSync } from "node:child_process"
import fs from "node:fs"
import path from "node:path"
import { fileURLToPath } from "node:url"
import { fingerprint } from "./lib/fingerprint.mjs"

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..")

const WORKSPACES = [
  { folder: "packages", output: ["dist"], sources: ["src", "package.json", "tsconfig.json", "tsconfig.build.json"] },
  // A plugin's build also holds what it compiles in from packages/ (@keel/admin-ui goes into its
  // admin bundle), so a change there rebuilds the plugins too.
  { folder: "plugins", output: [".medusa", "server"], sources: ["src", "package.json", "tsconfig.json"], shared: ["packages"] },
]

/** The source folders of every package in `folder` (packages/<name>/src and its package.json). */
function sharedSources(folder) {
  const dir = path.join(root, folder)
  if (!fs.existsSync(dir)) return []
  return fs
    .readdirSync(dir)
    .filter((name) => fs.existsSync(path.join(dir, name, "package.json")))
    .flatMap((name) => [path.join(dir, name, "src"), path.join(dir, name, "package.json")])
}

export function buildPlugins({ force = false } = {}) {
  const built = []
  for (const { folder, output, sources, shared = [] } of WORKSPACES) {
    const dir = path.join(root, folder)
    const names = fs.existsSync(dir) ? fs.readdirSync(dir).filter((name) => fs.existsSync(path.join(dir, name, "package.json"))) : []
    for (const name of names) {
      const workspaceDir = path.join(dir, name)
      const stamp = path.join(workspaceDir, ...output, ".keel-build")
      const current = fingerprint([...sources.map((p) => path.join(workspaceDir, p)), ...shared.flatMap(sharedSources)])
      built.push(name)
      if (!force && fs.existsSync(stamp) && fs.readFileSync(stamp, "utf8") === current) continue
      console.log(`[keel] building ${folder}/${name} ...`)
      const result = spawnSync("npm", ["run", "build", "--if-present"], { cwd: workspaceDir, stdio: "inherit" })
      if (result.status !== 0) throw new Error(`building ${folder}/${name} failed`)
      if (fs.existsSync(path.dirname(stamp))) fs.writeFileSync(stamp, current)
    }
  }
  return built
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    const built = buildPlugins({ force: process.argv.includes("--force") })
    console.log(built.length ? `[keel] workspaces up to date: ${built.join(", ")}` : "[keel] no workspaces to build")
  } catch (error) {
    console.error(`[keel] ${error.message}`)
    process.exit(1)
  }
}
