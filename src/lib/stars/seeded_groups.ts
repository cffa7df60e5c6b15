/**
 * Seeded random split of n items into equal-sized groups, standing in for CMS's
 * `PROC SURVEYSELECT groups=10 seed=8675309` (whose exact assignment rule SAS does not publish).
 */

/** sfc32 seeded through splitmix32; uniform in [0, 1). The same seed gives the same sequence. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  const split = (): number => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = split(), b = split(), c = split(), d = split();
  return () => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t / 4294967296;
  };
}

/**
 * Assigns each of `n` items a group 0…groups−1: a Fisher–Yates shuffle of 0…n−1 driven by
 * {@linkcode seededRandom}, then item at shuffled position i goes to group i mod groups, so group
 * sizes differ by at most one.
 *
 * @example
 * ```ts
 * import { seededGroups } from "./seeded_groups.ts";
 * import assert from "node:assert/strict";
 * const groups = seededGroups(25, 10, 8675309);
 * assert.equal(groups.length, 25);
 * assert.deepEqual(groups, seededGroups(25, 10, 8675309));
 * ```
 */
export function seededGroups(n: number, groups: number, seed: number): number[] {
  if (!Number.isInteger(groups) || groups < 1) throw new Error(`Cannot split into ${groups} groups`);
  const random = seededRandom(seed);
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const group = new Array<number>(n);
  order.forEach((item, position) => (group[item] = position % groups));
  return group;
}
