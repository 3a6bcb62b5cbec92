/** Reads until `accept` holds; fails with what was last read after `withinMs`. */
export async function until<T>(read: () => Promise<T>, accept: (value: T) => boolean, withinMs: number, what: string) {
  const deadline = Date.now() + withinMs
  let value = await read()
  while (!accept(value)) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${withinMs} ms: ${JSON.stringify(value).slice(0, 400)}`)
    await new Promise((r) => setTimeout(r, 200))
    value = await read()
  }
  return value
}
