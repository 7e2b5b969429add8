/** Work on many items, a few at a time. */

/** Per registry, how many requests-heavy jobs (inspections) run at once. */
export const PER_REGISTRY_CONCURRENCY = 4

/**
 * `work` on every item, at most `limit` at once, results in item order.
 * After a failure no new item starts; the first failure is thrown once the
 * running ones have settled.
 */
export async function mapLimit<T, R>(
  items: T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>
): Promise<R[]> {
  const results = new Array<R>(items.length)
  let next = 0
  let failure: { error: unknown } | undefined
  const worker = async (): Promise<void> => {
    while (!failure && next < items.length) {
      const i = next++
      try {
        results[i] = await work(items[i], i)
      } catch (error) {
        failure ??= { error }
      }
    }
  }
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, worker)
  )
  if (failure) throw failure.error
  return results
}
