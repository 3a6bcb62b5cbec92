// Generates one deterministic 480x480 PNG tile per product in data/catalog.json into data/images/<handle>.png (and prunes stale PNGs).
// Run from the repo root with: node scripts/generate-seed-images.mjs   (no dependencies, Node built-ins only)
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import crypto from "node:crypto";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const DATA = path.join(ROOT, "data");
const OUT = path.join(DATA, "images");
const W = 480;
const H = 480;

// ---------- PNG encoding ----------
const CRC_TABLE = new Uint32Array(256);
for (let n = 0; n < 256; n++) {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  CRC_TABLE[n] = c >>> 0;
}
function crc32(buf) {
  let c = 0xffffffff;
  for (let i = 0; i < buf.length; i++) c = CRC_TABLE[(c ^ buf[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
function encodePng(rgb) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(W, 0);
  ihdr.writeUInt32BE(H, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // colour type: truecolour RGB
  ihdr[10] = 0; // compression
  ihdr[11] = 0; // filter method
  ihdr[12] = 0; // no interlace
  const raw = Buffer.alloc((W * 3 + 1) * H);
  for (let y = 0; y < H; y++) {
    raw[y * (W * 3 + 1)] = 0; // filter type 0 (None)
    rgb.copy(raw, y * (W * 3 + 1) + 1, y * W * 3, (y + 1) * W * 3);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", zlib.deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

// ---------- colours ----------
// A small coastal palette; the handle hash picks a dark/light pairing and nudges it so no two tiles match exactly.
const DARK = [[27, 45, 79], [20, 78, 92], [56, 66, 80], [140, 38, 42], [33, 74, 60], [45, 52, 110], [88, 58, 40], [18, 98, 120]];
const LIGHT = [[236, 224, 198], [246, 243, 234], [178, 212, 230], [190, 226, 210], [244, 196, 176], [246, 226, 150], [214, 208, 196], [206, 222, 240]];
const ACCENT = [[232, 98, 44], [240, 190, 40], [210, 60, 60], [40, 160, 170], [230, 120, 110], [90, 150, 210]];
function jitter(c, b, amount) {
  return c.map((v, i) => Math.max(0, Math.min(255, v + ((b[i] % (2 * amount + 1)) - amount))));
}
function paletteFor(handle) {
  const d = crypto.createHash("sha256").update(handle).digest();
  const dark = jitter(DARK[d[0] % DARK.length], d.subarray(10, 13), 14);
  const light = jitter(LIGHT[d[1] % LIGHT.length], d.subarray(13, 16), 10);
  const accent = jitter(ACCENT[d[3] % ACCENT.length], d.subarray(16, 19), 12);
  const darkBg = d[2] % 2 === 0; // dark background with light motif, or the reverse
  return { bg: darkBg ? dark : light, fg: darkBg ? light : dark, accent, bytes: d };
}

// ---------- category motifs: (x, y, params) -> 0 background, 1 motif, 2 accent ----------
const MOTIFS = {
  // Breton stripes
  apparel: (x, y, p) => (Math.floor((y + p.off) / p.size) % 2 === 0 ? 1 : 0),
  // diagonal rain stripes
  outerwear: (x, y, p) => (Math.floor((x + y + p.off) / p.size) % 2 === 0 ? 1 : 0),
  // polka dots
  footwear: (x, y, p) => {
    const s = p.size * 2;
    const cx = ((x + p.off) % s) - s / 2;
    const cy = ((y + p.off) % s) - s / 2;
    return cx * cx + cy * cy < (s * 0.3) ** 2 ? 1 : 0;
  },
  // nested frames (a bag seen from the front)
  bags: (x, y, p) => {
    const d = Math.min(x, y, W - 1 - x, H - 1 - y);
    return Math.floor((d + p.off) / p.size) % 2 === 0 ? 1 : 0;
  },
  // coiled rope: concentric rings
  "deck-gear": (x, y, p) => {
    const r = Math.hypot(x - W / 2, y - H / 2);
    return Math.floor((r + p.off) / (p.size * 0.6)) % 2 === 0 ? 1 : 0;
  },
  // plate with a rim on a plain cloth
  galley: (x, y, p) => {
    const r = Math.hypot(x - W / 2, y - H / 2);
    if (r < 150) return r > 150 - p.size * 0.5 ? 2 : 1;
    return r < 170 ? 0 : Math.floor((x + p.off) / (p.size * 2)) % 2 === 0 ? 0 : 1;
  },
  // gingham check
  "home-textiles": (x, y, p) => {
    const a = Math.floor((x + p.off) / p.size) % 2;
    const b = Math.floor((y + p.off) / p.size) % 2;
    return a && b ? 2 : a || b ? 1 : 0;
  },
  // compass-rose diamond lattice
  navigation: (x, y, p) => {
    const s = p.size * 2;
    const dx = Math.abs(((x + p.off) % s) - s / 2);
    const dy = Math.abs(((y + p.off) % s) - s / 2);
    return dx + dy < s * 0.38 ? 1 : 0;
  },
  // life ring: annulus with alternating quarters
  safety: (x, y, p) => {
    const dx = x - W / 2;
    const dy = y - H / 2;
    const r = Math.hypot(dx, dy);
    if (r < 100 || r > 200) return 0;
    const q = (Math.atan2(dy, dx) + Math.PI + p.off / 50) / (Math.PI / 2);
    return Math.floor(q) % 2 === 0 ? 1 : 2;
  },
  // waves
  kids: (x, y, p) => {
    const w = Math.sin(((x + p.off) / (p.size * 2)) * Math.PI) * (p.size * 0.4);
    return Math.floor((y + w) / p.size) % 2 === 0 ? 1 : 0;
  },
};
const fallbackMotif = (x, y, p) => (Math.floor((x + p.off) / p.size) % 2 === 0 ? 1 : 0);

function render(product) {
  const { bg, fg, accent, bytes } = paletteFor(product.handle);
  const params = { size: 24 + (bytes[7] % 5) * 8, off: bytes[8] % 64 };
  const motif = MOTIFS[product.category] || fallbackMotif;
  const cols = [bg, fg, accent];
  const rgb = Buffer.alloc(W * H * 3);
  const border = 16;
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const inFrame = x < border || y < border || x >= W - border || y >= H - border;
      const c = inFrame ? fg : cols[motif(x, y, params)];
      const i = (y * W + x) * 3;
      rgb[i] = c[0];
      rgb[i + 1] = c[1];
      rgb[i + 2] = c[2];
    }
  }
  return encodePng(rgb);
}

const catalog = JSON.parse(fs.readFileSync(path.join(DATA, "catalog.json"), "utf8"));
fs.mkdirSync(OUT, { recursive: true });
const wanted = new Set();
let bytes = 0;
for (const product of catalog.products) {
  const file = path.join(DATA, product.image || `images/${product.handle}.png`);
  const png = render(product);
  fs.writeFileSync(file, png);
  wanted.add(path.resolve(file));
  bytes += png.length;
}
let removed = 0;
for (const name of fs.readdirSync(OUT)) {
  const full = path.resolve(OUT, name);
  if (name.toLowerCase().endsWith(".png") && !wanted.has(full)) {
    fs.unlinkSync(full);
    removed++;
  }
}
console.log(`wrote ${wanted.size} images (${(bytes / 1024).toFixed(1)} KB), removed ${removed} stale`);
