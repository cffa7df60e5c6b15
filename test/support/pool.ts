/**
 * Runs `work` on every item with at most `size` items in progress at once, starting them in order, and
 * returns one promise per item (in the items' order) that settles with that item's outcome. A test can
 * then await each in its own step: a failure stays with its item and the others still run. Useful when
 * each item spends much of its time waiting (a page settling in a browser) rather than computing.
 *
 * @example Three slow items, two at a time
 * ```ts
 * import { inPool } from "./pool.ts";
 * const results = inPool([1, 2, 3], 2, (n) => Promise.resolve(n * 10));
 * console.assert((await Promise.all(results)).join() === "10,20,30");
 * ```
 */
export function inPool<T, R>(items: readonly T[], size: number, work: (item: T) => Promise<R>): Promise<R>[] {
  if (!Number.isInteger(size) || size < 1) {
    throw new RangeError(`inPool: size must be a positive integer (got ${size})`);
  }
  const settlers = items.map(() => {
    let resolve!: (value: R) => void, reject!: (reason: unknown) => void;
    const promise = new Promise<R>((res, rej) => (resolve = res, reject = rej));
    // A failure is reported where the caller awaits it; until then it must not count as unhandled.
    promise.catch(() => {});
    return { promise, resolve, reject };
  });
  let next = 0;
  const runner = async () => {
    while (next < items.length) {
      const i = next++;
      try {
        settlers[i]!.resolve(await work(items[i]!));
      } catch (error) {
        settlers[i]!.reject(error);
      }
    }
  };
  for (let k = 0; k < Math.min(size, items.length); k++) void runner();
  return settlers.map((s) => s.promise);
}
