/**
 * Seeded random split of n items into equal-sized groups, standing in for CMS's
 * `PROC SURVEYSELECT groups=10 seed=8675309` (whose exact assignment rule SAS does not publish).
 */

import { seededRandom } from "../prng.js";

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
