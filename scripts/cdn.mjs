#!/usr/bin/env node
// `npm run cdn`: an edge cache for product media on this machine. Debian's nginx, in the
// foreground, as a caching reverse proxy in front of the media origin: the S3 bucket (or any
// S3-compatible server) or Keel's own /static. Every response carries `X-Cache-Status`
// (MISS, HIT, EXPIRED, ...). Keel's media keys (media/<content hash>/...) are kept a year
// and answered as immutable whatever the origin says (Medusa's /static says max-age=0);
// elsewhere the origin's Cache-Control decides.
//   CDN_ORIGIN     the origin URL: https://<bucket>.s3.<region>.amazonaws.com, or path style
//                  http://127.0.0.1:9000/<bucket>. Default: ${S3_ENDPOINT}/${S3_BUCKET} when both
//                  are set, the bucket's AWS URL when only S3_BUCKET is, else Keel's local files
//                  at ${MEDUSA_BACKEND_URL or http://localhost:$PORT}/static.
//   CDN_PORT       port to listen on (9100)
//   CDN_CACHE_DIR  nginx.conf, cache, temp files, pid and logs (.keel/cdn)
// Runs without root and never touches /etc/nginx. Ctrl-C (SIGINT) or SIGTERM stops nginx.
import { spawn } from "node:child_process"
import crypto from "node:crypto"
import fs from "node:fs"
import net from "node:net"
import path from "node:path"
import { fileURLToPath } from "node:url"

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..")
process.chdir(root)
if (fs.existsSync(".env")) {
  process.loadEnvFile(".env") // never overrides variables already set
}
const env = process.env

function fail(message) {
  console.error(`[cdn] ${message}`)
  process.exit(1)
}

/** nginx on PATH, else Debian's /usr/sbin/nginx (not on a non-root user's PATH). */
function findNginx() {
  const candidates = (env.PATH || "").split(path.delimiter).filter(Boolean).map((dir) => path.join(dir, "nginx"))
  candidates.push("/usr/sbin/nginx")
  return candidates.find((file) => {
    try {
      fs.accessSync(file, fs.constants.X_OK)
      return fs.statSync(file).isFile()
    } catch {
      return false
    }
  })
}

function defaultOrigin() {
  const bucket = env.S3_BUCKET
  if (bucket && env.S3_ENDPOINT) return `${env.S3_ENDPOINT.replace(/\/$/, "")}/${bucket}`
  if (bucket) return `https://${bucket}.s3.${env.S3_REGION || "us-east-1"}.amazonaws.com`
  const backendUrl = env.MEDUSA_BACKEND_URL || `http://localhost:${env.PORT || 9000}`
  return `${backendUrl.replace(/\/$/, "")}/static`
}

// The Content-Security-Policy of uploaded files, as Keel serves them from /static (src/lib/media/upload-headers.ts).
const UPLOAD_CSP = "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; sandbox"

/** A string as an nginx configuration token, quoted. */
const quote = (value) => `"${String(value).replace(/[\\"]/g, "\\$&")}"`

function nginxConfig({ origin, port, dir }) {
  const originPath = origin.pathname.replace(/\/+$/, "") // "/media" for a path-style bucket
  const https = origin.protocol === "https:"
  const originPort = origin.port || (https ? 443 : 80)
  const file = (name) => quote(path.join(dir, name))
  // Keel stores product media under S3_PREFIX + "media/" (src/lib/media/variants.ts).
  const mediaPrefix = (env.S3_BUCKET && env.S3_PREFIX) || ""
  const originKey = crypto.createHash("sha256").update(origin.href).digest("hex").slice(0, 12)
  // What both locations do: GET/HEAD only, to the origin, through the cache.
  const proxied = (passPath, keep200 = "10m") => `      if ($request_method !~ ^(GET|HEAD)$) {
        return 405;
      }
      proxy_pass ${origin.protocol}//keel_origin${passPath};
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      # The origin's own host name: S3 finds the bucket from it (virtual-host style).
      proxy_set_header Host ${quote(origin.host)};
      proxy_set_header Cookie "";
      proxy_set_header Authorization "";
${https ? `      proxy_ssl_server_name on;\n      proxy_ssl_name ${quote(origin.hostname)};\n` : ""}
      proxy_cache keel_media;
      # The origin is part of the key: a cache folder reused for another CDN_ORIGIN starts empty.
      proxy_cache_key ${quote(originKey + "$request_uri")};
      proxy_cache_methods GET HEAD;
      # Outside media/ the origin's Cache-Control / Expires win; these apply when it sends neither.
      proxy_cache_valid 200 301 ${keep200};
      proxy_cache_valid 404 1m;
      proxy_no_cache $keel_no_store;
      proxy_hide_header Set-Cookie;
      proxy_hide_header x-amz-id-2;
      proxy_hide_header x-amz-request-id;
      # One request per object goes to the origin; the others wait for it to be stored.
      proxy_cache_lock on;
      proxy_cache_lock_timeout 10s;
      proxy_cache_revalidate on;
      proxy_cache_use_stale error timeout updating http_500 http_502 http_503 http_504;
      proxy_cache_background_update on;
      add_header X-Cache-Status $upstream_cache_status always;
      # Uploaded files never run script: not sniffed, no script by CSP, and what is not an image is a download.
      add_header X-Content-Type-Options nosniff always;
      add_header Content-Security-Policy ${quote(UPLOAD_CSP)} always;
      add_header Content-Disposition $keel_disposition always;`
  return `# Written by scripts/cdn.mjs (npm run cdn) on every start; edits are overwritten.
${process.getuid?.() === 0 ? "# Started as root: the workers stay root so they can write the cache folder wherever it is.\nuser root;\n" : ""}daemon off;
worker_processes auto;
pid ${file("nginx.pid")};
error_log ${file("error.log")} warn;
error_log stderr error;

events {
  worker_connections 1024;
}

http {
  log_format edge '$remote_addr [$time_local] "$request" $status $body_bytes_sent $upstream_cache_status $request_time';
  access_log ${file("access.log")} edge buffer=64k flush=1s;
  client_body_temp_path ${file("tmp/body")};
  proxy_temp_path ${file("tmp/proxy")};
  fastcgi_temp_path ${file("tmp/fastcgi")};
  uwsgi_temp_path ${file("tmp/uwsgi")};
  scgi_temp_path ${file("tmp/scgi")};
  sendfile on;
  tcp_nopush on;
  keepalive_timeout 65;
  server_tokens off;

  # Objects not requested for 30 days, or the least recently used beyond 1 GB, are dropped.
  proxy_cache_path ${file("cache")} levels=1:2 keys_zone=keel_media:10m max_size=1g inactive=30d use_temp_path=off;

  # An object that is not one of the image types Keel stores goes out as a download (empty: no header).
  map $sent_http_content_type $keel_disposition {
    "~*^image/(jpeg|png|webp|avif|gif)(;|$)" "";
    default "attachment";
  }

  # Only 200, 301 and 404 answers are stored, whatever the origin's Cache-Control says.
  map $upstream_status $keel_no_store {
    ~^(200|301|404)$ 0;
    default 1;
  }

  upstream keel_origin {
    server ${origin.hostname.includes(":") ? `[${origin.hostname.replace(/^\[|\]$/g, "")}]` : origin.hostname}:${originPort};
    keepalive 16;
  }

  server {
    listen ${port};

    # Keel's media keys (media/<content hash>/<name>-<unique>) never name other bytes: they are
    # kept a year whatever the origin says (Medusa's /static answers max-age=0).
    location /${mediaPrefix}media/ {
${proxied(`${originPath}/${mediaPrefix}media/`, "365d")}
      proxy_ignore_headers Cache-Control Expires Set-Cookie;
      proxy_hide_header Cache-Control;
      add_header Cache-Control "public, max-age=31536000, immutable" always;
    }

    location / {
${proxied(`${originPath}/`)}
      proxy_ignore_headers Set-Cookie;
    }
  }
}
`
}

/** Whether `pid` is a running nginx (on Linux read from /proc; elsewhere any live process counts). */
function isNginx(pid) {
  try {
    process.kill(pid, 0)
  } catch (error) {
    if (error.code !== "EPERM") return false
  }
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("nginx")
  } catch {
    return !fs.existsSync("/proc/self")
  }
}

function portOpen(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: "127.0.0.1" })
    socket.once("connect", () => (socket.destroy(), resolve(true)))
    socket.once("error", () => resolve(false))
  })
}

async function main() {
  const nginx = findNginx()
  if (!nginx) {
    console.error("nginx not found: apt-get install nginx-light (Debian/Ubuntu) or brew install nginx")
    process.exit(1)
  }

  const originText = (env.CDN_ORIGIN || defaultOrigin()).replace(/\/+$/, "")
  let origin
  try {
    origin = new URL(originText)
  } catch {
    fail(`CDN_ORIGIN is not a URL: ${originText}`)
  }
  if (!["http:", "https:"].includes(origin.protocol) || origin.search || origin.username) {
    fail(`CDN_ORIGIN must be an http(s) URL without query or credentials: ${originText}`)
  }
  const port = Number(env.CDN_PORT || 9100)
  if (!Number.isInteger(port) || port < 1 || port > 65535) fail(`CDN_PORT is not a port: ${env.CDN_PORT}`)
  const dir = path.resolve(root, env.CDN_CACHE_DIR || path.join(".keel", "cdn"))
  fs.mkdirSync(path.join(dir, "tmp"), { recursive: true })
  // A pid file of a running nginx means this folder is in use; a stale one is removed.
  const pidFile = path.join(dir, "nginx.pid")
  if (fs.existsSync(pidFile)) {
    const pid = Number(fs.readFileSync(pidFile, "utf8").trim())
    if (pid && isNginx(pid)) fail(`another nginx (pid ${pid}) uses ${dir}; stop it or set CDN_CACHE_DIR`)
    fs.rmSync(pidFile)
  }
  const conf = path.join(dir, "nginx.conf")
  fs.writeFileSync(conf, nginxConfig({ origin, port, dir }))

  // Its own process group: Ctrl-C reaches this script only, which stops nginx gracefully.
  const proc = spawn(nginx, ["-p", dir, "-c", conf, "-e", path.join(dir, "error.log")], {
    stdio: "inherit",
    detached: true,
  })
  let stopping = false
  const running = () => proc.exitCode === null && proc.signalCode === null
  const stop = () => {
    if (stopping || !running()) return
    stopping = true
    proc.kill("SIGQUIT") // graceful: finish the requests in flight, then exit
    setTimeout(() => proc.kill("SIGTERM"), 5000).unref()
  }
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, stop)
  process.on("exit", () => running() && proc.kill("SIGTERM"))
  proc.once("error", (error) => fail(`${nginx}: ${error.message}`))
  proc.once("exit", (code, signal) => {
    if (stopping) process.exit(0)
    fail(`nginx stopped (exit ${signal ?? code}); see ${path.join(dir, "error.log")}`)
  })

  // nginx writes its pid file once it holds the port.
  while (!(fs.existsSync(pidFile) && (await portOpen(port)))) {
    if (!running() || stopping) return
    await new Promise((r) => setTimeout(r, 100))
  }
  const shown = path.relative(root, dir) || dir
  const cdnUrl = `http://localhost:${port}`
  console.log(
    `CDN ${cdnUrl} → ${origin.href.replace(/\/$/, "")} (cache ${shown.startsWith("..") ? dir : shown}); set CDN_URL=${cdnUrl} so Keel's file URLs go through it`
  )
}

main().catch((error) => fail(error instanceof Error ? error.message : String(error)))
