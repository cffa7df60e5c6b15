/**
 * Rounds to `decimals` places, halves away from zero, as CMS rounds scores and thresholds to a
 * measure's display precision (Technical Notes, "Rounding"): 83.5 → 84, 0.125 → 0.13 at 2 places.
 *
 * The value is first rounded to 9 significant places past the target so binary representation
 * error (0.125 stored as 0.12499999…) does not decide the half.
 *
 * @example
 * ```ts
 * import { roundHalfUp } from "./round_half_up.ts";
 * import assert from "node:assert/strict";
 * assert.equal(roundHalfUp(83.5, 0), 84);
 * assert.equal(roundHalfUp(1.005, 2), 1.01);
 * ```
 */
export function roundHalfUp(x: number, decimals: number): number {
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 9) {
    throw new Error(`Cannot round to ${decimals} decimals: expected an integer from 0 to 9`);
  }
  const f = 10 ** decimals;
  const scaled = Number((Math.abs(x) * f).toFixed(9 - decimals > 0 ? 9 - decimals : 0));
  const r = Math.floor(scaled + 0.5) / f;
  return x < 0 ? -r : r;
}
