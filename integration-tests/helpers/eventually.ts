/**
 * Reads until `accept` takes the value, every `everyMs`, and returns that value; throws with
 * the last value read once `withinMs` have passed.
 */
export async function eventually<T>(read: () => Promise<T>, accept: (value: T) => boolean, withinMs: number, everyMs = 200) {
  const start = Date.now()
  let value = await read()
  while (!accept(value)) {
    if (Date.now() - start > withinMs) {
      throw new Error(`not within ${withinMs} ms: ${JSON.stringify(value).slice(0, 400)}`)
    }
    await new Promise((resolve) => setTimeout(resolve, everyMs))
    value = await read()
  }
  return value
}
