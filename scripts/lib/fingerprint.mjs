import crypto from "node:crypto"
import fs from "node:fs"
import path from "node:path"

/** sha256 over the paths and contents of the given files and of every file under the given folders. */
export function fingerprint(paths) {
  const hash = crypto.createHash("sha256")
  const visit = (p) => {
    if (!fs.existsSync(p)) return
    if (fs.statSync(p).isDirectory()) {
      for (const name of fs.readdirSync(p).sort()) visit(path.join(p, name))
      return
    }
    hash.update(p)
    hash.update(fs.readFileSync(p))
  }
  paths.forEach(visit)
  return hash.digest("hex")
}
