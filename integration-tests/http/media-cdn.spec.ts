import { ChildProcess, spawn } from "child_process"
import fs from "fs"
import os from "os"
import path from "path"
import sharp from "sharp"
import { freePort } from "../helpers/redis"
import { startS3Server, type S3Server } from "../helpers/s3"

/**
 * `npm run cdn` (scripts/cdn.mjs): Debian's nginx as an edge cache in front of an S3 origin
 * (s3rver, path style). No Medusa boot: an object is put in the bucket the way Keel's S3
 * provider stores a variant (immutable Cache-Control) and read through the edge.
 */

jest.setTimeout(60_000)

const ROOT = path.resolve(__dirname, "../..")
const IMMUTABLE = "public, max-age=31536000, immutable"
// A content-hash folder as Keel names them (src/lib/media/variants.ts).
const HASH = "0123456789abcdef0123"

/** The nginx scripts/cdn.mjs would run: on PATH, else Debian's /usr/sbin/nginx. */
function findNginx() {
  const dirs = [...(process.env.PATH || "").split(path.delimiter).filter(Boolean), "/usr/sbin"]
  return dirs.map((dir) => path.join(dir, "nginx")).find((file) => {
    try {
      fs.accessSync(file, fs.constants.X_OK)
      return true
    } catch {
      return false
    }
  })
}

const nginx = findNginx()

if (!nginx) {
  if (process.env.CI === "true") {
    it("has nginx for the edge cache", () => {
      throw new Error("nginx not found (required under CI): apt-get install -y nginx-light")
    })
  } else {
    console.warn("nginx not found: media-cdn skipped (Debian/Ubuntu: apt-get install -y nginx-light)")
    it.skip("serves media through the nginx edge cache (nginx not found)", () => undefined)
  }
} else {
  describe("npm run cdn: nginx edge cache in front of an S3 origin", () => {
    let work: string
    let s3: S3Server | undefined
    let cdn: ChildProcess | undefined
    let output = ""
    let edge: string
    let origin: string
    let webp: Buffer

    const put = (key: string, body: Buffer, cacheControl = IMMUTABLE) =>
      s3!.put(key, body, { contentType: "image/webp", cacheControl })

    const get = async (url: string) => {
      const res = await fetch(url)
      return {
        status: res.status,
        cache: res.headers.get("x-cache-status"),
        cacheControl: res.headers.get("cache-control"),
        contentType: res.headers.get("content-type"),
        nosniff: res.headers.get("x-content-type-options"),
        csp: res.headers.get("content-security-policy"),
        disposition: res.headers.get("content-disposition"),
        body: Buffer.from(await res.arrayBuffer()),
      }
    }

    beforeAll(async () => {
      work = fs.mkdtempSync(path.join(os.tmpdir(), "keel-media-cdn-"))
      s3 = await startS3Server("media")
      origin = `${s3.endpoint}/media`
      // A real product image as Keel renders a variant: 200 px wide WebP, quality 80.
      const png = fs.readdirSync(path.join(ROOT, "data/images")).filter((f) => f.endsWith(".png")).sort()[0]
      webp = await sharp(path.join(ROOT, "data/images", png)).resize({ width: 200 }).webp({ quality: 80 }).toBuffer()
      await put("media/abc123/200w.webp", webp)
      await put("media/def456/200w.webp", webp)
      // What Medusa's /static answers for a local file: max-age=0.
      await put(`media/${HASH}/200w-1.webp`, webp, "public, max-age=0")
      await put("other/200w.webp", webp, "public, max-age=0")
      // An object that is not an image (stored before every upload was decoded): HTML with a script.
      await s3!.put("media/old/photo.html", Buffer.from("<script>fetch('/admin/users/me')</script>"), { contentType: "text/html", cacheControl: IMMUTABLE })

      const cdnPort = await freePort()
      edge = `http://127.0.0.1:${cdnPort}`
      cdn = spawn(process.execPath, [path.join(ROOT, "scripts/cdn.mjs")], {
        cwd: ROOT,
        env: { ...process.env, CDN_ORIGIN: origin, CDN_PORT: String(cdnPort), CDN_CACHE_DIR: path.join(work, "cdn") },
        stdio: ["ignore", "pipe", "pipe"],
      })
      cdn.stdout!.on("data", (chunk) => (output += chunk))
      cdn.stderr!.on("data", (chunk) => (output += chunk))
      const deadline = Date.now() + 20_000
      while (!output.includes("CDN http")) {
        if (cdn.exitCode !== null || Date.now() > deadline) {
          throw new Error(`scripts/cdn.mjs did not start (exit ${cdn.exitCode}):\n${output}`)
        }
        await new Promise((r) => setTimeout(r, 100))
      }
    })

    afterAll(async () => {
      if (cdn && cdn.exitCode === null) {
        const exited = new Promise((resolve) => cdn!.once("exit", resolve))
        cdn.kill("SIGTERM")
        await exited
      }
      // nginx runs in its own process group; should the script have died, it is stopped here.
      const pidFile = work && path.join(work, "cdn", "nginx.pid")
      if (pidFile && fs.existsSync(pidFile)) {
        try {
          process.kill(Number(fs.readFileSync(pidFile, "utf8")), "SIGTERM")
        } catch {
          // already gone
        }
      }
      await s3?.stop()
      if (work) fs.rmSync(work, { recursive: true, force: true })
    })

    it("prints where it listens and which origin it caches", () => {
      expect(output).toContain(`CDN http://localhost:${new URL(edge).port} → ${origin} (cache `)
      expect(output).toContain(`set CDN_URL=http://localhost:${new URL(edge).port}`)
    })

    it("answers MISS, then HIT with the same bytes and the origin's Cache-Control", async () => {
      const first = await get(`${edge}/media/abc123/200w.webp`)
      expect([first.status, first.cache]).toEqual([200, "MISS"])
      expect(first.cacheControl).toBe(IMMUTABLE)
      expect(first.contentType).toBe("image/webp")
      expect(first.body.equals(webp)).toBe(true)

      const second = await get(`${edge}/media/abc123/200w.webp`)
      expect([second.status, second.cache]).toEqual([200, "HIT"])
      expect(second.cacheControl).toBe(IMMUTABLE)
      expect(second.body.equals(first.body)).toBe(true)
      expect((await sharp(second.body).metadata()).format).toBe("webp")
    })

    it("caches per key: another object is a MISS first", async () => {
      expect((await get(`${edge}/media/def456/200w.webp`)).cache).toBe("MISS")
      expect((await get(`${edge}/media/def456/200w.webp`)).cache).toBe("HIT")
    })

    it("keeps Keel's media keys a year even when the origin says max-age=0, and obeys it elsewhere", async () => {
      const media = `${edge}/media/${HASH}/200w-1.webp`
      expect((await get(media)).cache).toBe("MISS")
      const again = await get(media)
      expect([again.cache, again.cacheControl]).toEqual(["HIT", IMMUTABLE])
      expect(again.body.equals(webp)).toBe(true)

      const other = `${edge}/other/200w.webp`
      expect((await get(other)).cache).toBe("MISS")
      const otherAgain = await get(other)
      expect(otherAgain.cache).not.toBe("HIT")
      expect(otherAgain.cacheControl).toBe("public, max-age=0")
    })

    it("serves every object with nosniff and a CSP that runs no script; what is not an image as a download, cached or not", async () => {
      for (const url of [`${edge}/media/abc123/200w.webp`, `${edge}/media/abc123/200w.webp`, `${edge}/other/200w.webp`]) {
        const image = await get(url)
        expect([image.nosniff, image.csp, image.disposition]).toEqual(["nosniff", expect.stringContaining("sandbox"), null])
        expect(image.csp).toContain("default-src 'none'")
      }
      for (const round of ["MISS", "HIT"]) {
        const page = await get(`${edge}/media/old/photo.html`)
        expect([round, page.cache, page.nosniff, page.disposition]).toEqual([round, round, "nosniff", "attachment"])
        expect(page.csp).toContain("sandbox")
      }
    })

    it("passes a missing object on as 404, not 5xx", async () => {
      const missing = await get(`${edge}/media/nothing/here.webp`)
      expect(missing.status).toBe(404)
      expect(missing.cache).toBe("MISS")
    })

    it("stops nginx on SIGTERM", async () => {
      const pid = Number(fs.readFileSync(path.join(work, "cdn", "nginx.pid"), "utf8"))
      const exited = new Promise<number | null>((resolve) => cdn!.once("exit", (code) => resolve(code)))
      cdn!.kill("SIGTERM")
      expect(await exited).toBe(0)
      expect(() => process.kill(pid, 0)).toThrow()
      await expect(fetch(`${edge}/media/abc123/200w.webp`)).rejects.toThrow()
    })
  })
}
