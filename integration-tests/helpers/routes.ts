import fs from "fs"
import path from "path"

/**
 * Keel's HTTP routes, read from the route files themselves (file-based routing: the folder is
 * the path, `[id]` a parameter, the exported GET/POST/… the methods), in the app and in every
 * plugin. A suite that walks this list covers a route added tomorrow without being edited.
 */

export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE"
export type Route = { method: Method; path: string; params: string[]; file: string; source: string }

const root = path.resolve(__dirname, "../..")
const METHOD_EXPORT = /export\s+(?:const|async\s+function|function)\s+(GET|POST|PUT|PATCH|DELETE)\b/g

function routeFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return []
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return entry.name === "__tests__" ? [] : routeFiles(full)
    return entry.name === "route.ts" ? [full] : []
  })
}

/** Every API folder: the app's src/api and each plugin's src/api. */
export function apiFolders(): { dir: string; source: string }[] {
  const plugins = path.join(root, "plugins")
  return [
    { dir: path.join(root, "src", "api"), source: "app" },
    ...fs
      .readdirSync(plugins)
      .filter((name) => fs.existsSync(path.join(plugins, name, "src", "api")))
      .map((name) => ({ dir: path.join(plugins, name, "src", "api"), source: `@keel/${name}` })),
  ]
}

export function keelRoutes(): Route[] {
  const routes: Route[] = []
  for (const { dir, source } of apiFolders()) {
    for (const file of routeFiles(dir)) {
      const segments = path.relative(dir, path.dirname(file)).split(path.sep).filter(Boolean)
      const params = segments.filter((s) => /^\[.+\]$/.test(s)).map((s) => s.slice(1, -1))
      const routePath = "/" + segments.map((s) => (/^\[.+\]$/.test(s) ? `:${s.slice(1, -1)}` : s)).join("/")
      const text = fs.readFileSync(file, "utf8")
      for (const match of text.matchAll(METHOD_EXPORT)) {
        routes.push({ method: match[1] as Method, path: routePath, params, file: path.relative(root, file), source })
      }
    }
  }
  return routes.sort((a, b) => `${a.path} ${a.method}`.localeCompare(`${b.path} ${b.method}`))
}

function filesNamed(dir: string, pattern: RegExp): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return filesNamed(full, pattern)
    return pattern.test(entry.name) ? [full] : []
  })
}

// Keys of zod objects in the style of this code base (`name: z.…`, `name: text(…)`, one per line or inline).
// Keys (`name: …`) and shorthand properties (`{ name }`, `rating,` on a line of its own).
const KEYS = /(?:^|[{,])\s*([a-z_][a-z0-9_]*)(?:\??:\s|\s*(?=,|\s*\}))/gim
const NOT_FIELDS = new Set(["matcher", "method", "middlewares", "routes", "bodyParser", "errorHandler", "error", "message", "path", "default", "sizeLimit", "max", "min", "multiline", "fallback"])

/** Field names the routes' validators know (keys of their zod objects): what a fuzzed body or query is made of. */
export function validatorFieldNames(): string[] {
  const names = new Set<string>()
  for (const { dir } of apiFolders()) {
    for (const file of filesNamed(dir, /validators\.ts$/)) {
      for (const match of fs.readFileSync(file, "utf8").matchAll(KEYS)) if (!NOT_FIELDS.has(match[1]) && /^[a-z_]+$/.test(match[1])) names.add(match[1])
    }
  }
  return [...names].sort()
}

/** What one route's validators read: its field names and the string literals they accept (enum values). */
export type RouteVocabulary = { fields: string[]; literals: string[] }

/**
 * The fields one route's validators read: the schemas its `middlewares.ts` entry hands to
 * validateAndTransformQuery/Body (and the schemas those name), looked up in the validators files
 * beside it, with the string literals they contain. Empty when the route validates nothing (or
 * is not Keel's).
 */
export function routeVocabulary(route: Route): RouteVocabulary {
  const empty = { fields: [], literals: [] }
  const folder = apiFolders().find(({ source }) => source === route.source)
  if (!folder) return empty
  const middlewares = path.join(folder.dir, "middlewares.ts")
  if (!fs.existsSync(middlewares)) return empty
  const schemas = new Set<string>()
  // One entry per `matcher:`, up to the next one.
  for (const entry of fs.readFileSync(middlewares, "utf8").split(/(?=matcher: ")/).slice(1)) {
    if (!entry.startsWith(`matcher: "${route.path}"`)) continue
    if (/method: "(\w+)"/.test(entry) && !entry.includes(`method: "${route.method}"`)) continue
    for (const match of entry.matchAll(/validateAndTransform(?:Query|Body)\((\w+)/g)) schemas.add(match[1])
  }
  const names = new Set<string>()
  const literals = new Set<string>()
  const texts = filesNamed(folder.dir, /validators\.ts$/).map((file) => fs.readFileSync(file, "utf8"))
  const todo = [...schemas]
  while (todo.length) {
    const schema = todo.pop()!
    for (const text of texts) {
      const start = text.indexOf(`export const ${schema} =`)
      if (start === -1) continue
      const end = text.indexOf("\nexport ", start + 1)
      const body = text.slice(start, end === -1 ? undefined : end)
      for (const match of body.matchAll(KEYS)) if (!NOT_FIELDS.has(match[1])) names.add(match[1])
      for (const match of body.matchAll(/"([^"\n]{1,40})"/g)) literals.add(match[1])
      // Schemas this one is made of (`z.array(StoreIngestEvent)`).
      for (const match of body.matchAll(/\b([A-Z]\w+)\b/g)) {
        if (match[1] !== schema && !schemas.has(match[1]) && texts.some((t) => t.includes(`export const ${match[1]} =`))) {
          schemas.add(match[1])
          todo.push(match[1])
        }
      }
    }
  }
  return { fields: [...names].sort(), literals: [...literals].sort() }
}

/** Fills a route's parameters. */
export function routeUrl(route: Pick<Route, "path">, value: (param: string, segmentBefore: string) => string): string {
  const segments = route.path.split("/")
  return segments.map((s, i) => (s.startsWith(":") ? value(s.slice(1), segments[i - 1] ?? "") : s)).join("/")
}
