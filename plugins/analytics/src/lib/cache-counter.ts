// The catalog cache's answers counted in this process (from the `x-keel-cache` header Keel's
// catalog cache sets: hit or miss), taken by each database load sample.

let hits = 0
let misses = 0

export function countCacheAnswer(header: unknown) {
  if (header === "hit") hits++
  else if (header === "miss") misses++
}

/** The counts since the last call, and starts over. */
export function takeCacheCounts() {
  const counts = { hits, misses }
  hits = 0
  misses = 0
  return counts
}
