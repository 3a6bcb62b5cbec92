import fs from "fs"
import { builtinModules } from "module"
import path from "path"

// Each plugin's built admin bundle (`medusa plugin:build` → .medusa/server/src/admin) must work
// when the plugin is installed from its tarball into a plain Medusa app:
// - every package the bundle imports is one the plugin declares in `dependencies` or
//   `peerDependencies` (devDependencies are not installed with it);
// - @keel/admin-ui is compiled into the bundle, not imported: the app's admin build generates
//   Tailwind classes only from the plugin's own admin folder (admin-bundler's content globs), so
//   classes used only inside a separate package would be missing from the app's stylesheet.
// `npm test` builds packages/ and plugins/ before jest runs.

const root = path.resolve(__dirname, "..", "..")
const pluginsDir = path.join(root, "plugins")
const adminUi = JSON.parse(fs.readFileSync(path.join(root, "packages", "admin-ui", "package.json"), "utf8"))

const plugins = fs
  .readdirSync(pluginsDir)
  .filter((name) => fs.existsSync(path.join(pluginsDir, name, "src", "admin")))
  .sort()

const filesUnder = (dir: string): string[] =>
  fs.existsSync(dir)
    ? fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        const full = path.join(dir, entry.name)
        return entry.isDirectory() ? filesUnder(full) : [full]
      })
    : []

/** The package names a built ES module imports: `import … from "x"`, `import "x"`, `export … from "x"`, `import("x")`. */
function importedPackages(code: string): string[] {
  const specifiers = [
    ...code.matchAll(/^\s*(?:import|export)\s[^;]*?\sfrom\s*["']([^"']+)["']/gm),
    ...code.matchAll(/^\s*import\s*["']([^"']+)["']/gm),
    ...code.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g),
  ].map((match) => match[1])
  const bare = specifiers.filter((s) => !s.startsWith(".") && !s.startsWith("/") && !builtinModules.includes(s.replace(/^node:/, "")))
  return [...new Set(bare.map((s) => (s.startsWith("@") ? s.split("/").slice(0, 2).join("/") : s.split("/")[0])))].sort()
}

describe("plugin admin bundles", () => {
  it("are found for every plugin with admin extensions", () => {
    expect(plugins).toEqual(expect.arrayContaining(["analytics", "flash-sales", "reviews", "wishlists"]))
  })

  describe.each(plugins)("%s", (plugin) => {
    const dir = path.join(pluginsDir, plugin)
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8"))
    const adminOut = path.join(dir, ".medusa", "server", "src", "admin")
    const esm = filesUnder(adminOut).filter((file) => file.endsWith(".mjs"))
    const bundle = () => esm.map((file) => fs.readFileSync(file, "utf8")).join("\n")

    it("imports only packages the plugin declares for installs", () => {
      expect(esm.length).toBeGreaterThan(0)
      const declared = new Set([...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.peerDependencies ?? {})])
      const imported = importedPackages(bundle())
      expect(imported).toContain("@medusajs/ui") // the parser sees the bundle's imports
      expect(imported.filter((name) => !declared.has(name))).toEqual([])
    })

    it(`has ${adminUi.name} compiled in, where the app's Tailwind build reads it`, () => {
      const code = bundle()
      expect(importedPackages(code)).not.toContain(adminUi.name)
      expect(Object.keys(pkg.dependencies ?? {})).not.toContain(adminUi.name)
      // errorMessage's fallback lives only in @keel/admin-ui (no copy in the plugin's source).
      const source = filesUnder(path.join(dir, "src", "admin")).map((file) => fs.readFileSync(file, "utf8"))
      expect(source.some((text) => text.includes("Something went wrong"))).toBe(false)
      expect(code).toContain("Something went wrong")
      // The folder admin-bundler adds to Tailwind's content for an installed plugin
      // (dirname of require.resolve("<plugin>/admin")) holds admin-ui's state classes.
      const scanned = path.dirname(require.resolve(`${pkg.name}/admin`, { paths: [root] }))
      const scannedText = filesUnder(scanned)
        .filter((file) => /\.(js|ts|jsx|tsx)$/.test(file))
        .map((file) => fs.readFileSync(file, "utf8"))
        .join("\n")
      expect(scannedText).toContain("text-ui-fg-error max-w-[420px]")
    })
  })
})
