import fs from "fs"
import path from "path"

// A plugin is a guest in someone else's app: it never sets the app's one error handler, and no
// module (app or plugin) hooks a response's res.json itself: @keel/core's response observer is the
// one place that does (packages/core/src/response-observer.ts), so what each middleware sees does
// not depend on the order in which the app and the plugins registered.

const root = path.resolve(__dirname, "../../..")
const OBSERVER = path.join(root, "packages/core/src/response-observer.ts")
// An assignment to `<anything>.json` (res.json = …, response["json"] = …), or a property defined on it.
const JSON_PATCH = [/\.json\s*=(?!=)/, /\[\s*["'`]json["'`]\s*\]\s*=(?!=)/, /defineProperty\([^,]+,\s*["'`]json["'`]/]

function sources(dir: string): string[] {
  if (!fs.existsSync(dir)) return []
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return ["node_modules", "__tests__", ".medusa", "dist"].includes(entry.name) ? [] : sources(full)
    return /\.(ts|tsx|js|mjs)$/.test(entry.name) ? [full] : []
  })
}

const pluginDirs = fs
  .readdirSync(path.join(root, "plugins"), { withFileTypes: true })
  .filter((e) => e.isDirectory() && fs.existsSync(path.join(root, "plugins", e.name, "package.json")))
  .map((e) => path.join(root, "plugins", e.name))
const packageDirs = fs
  .readdirSync(path.join(root, "packages"), { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => path.join(root, "packages", e.name))

describe("plugins stay inside Medusa's extension points", () => {
  it("finds the plugins and their middlewares", () => {
    expect(pluginDirs.length).toBeGreaterThanOrEqual(4)
    expect(pluginDirs.filter((dir) => fs.existsSync(path.join(dir, "src/api/middlewares.ts"))).length).toBeGreaterThanOrEqual(4)
  })

  it.each(pluginDirs.map((dir) => [path.basename(dir), dir]))("%s sets no errorHandler", (_name, dir) => {
    const file = path.join(dir, "src/api/middlewares.ts")
    if (!fs.existsSync(file)) return
    // Loaded as the app would load it: whatever the source looks like, the config it exports counts.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const config = require(file).default as { errorHandler?: unknown; routes?: unknown[] }
    expect(config).toBeDefined()
    expect(config.errorHandler).toBeUndefined()
    expect(fs.readFileSync(file, "utf8")).not.toMatch(/\berrorHandler\s*:/)
  })

  it("no module of the app or a plugin hooks res.json; only @keel/core's response observer does", () => {
    const files = [root + "/src", ...pluginDirs.map((d) => path.join(d, "src")), ...packageDirs.map((d) => path.join(d, "src"))].flatMap(sources)
    expect(files).toContain(OBSERVER)
    const patching = files.filter((file) => file !== OBSERVER && JSON_PATCH.some((re) => re.test(fs.readFileSync(file, "utf8"))))
    expect(patching.map((f) => path.relative(root, f))).toEqual([])
    // The check itself sees a patch where there is one.
    expect(JSON_PATCH.some((re) => re.test(fs.readFileSync(OBSERVER, "utf8")))).toBe(true)
  })
})
