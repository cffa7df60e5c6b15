/**
 * Rounds half away from zero at `decimals` places, on the decimal representation so that binary noise
 * (0.285 × 100 = 28.499999999999996) does not flip the result: round(x, d) = sign(x) · ⌊|x| · 10^d + ½⌋ / 10^d.
 * This is SAS's ROUND, which the Star Ratings Technical Notes name for measure scores ("Rounding Rules for
 * Measure Scores").
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.deepEqual(roundHalfUp(83.5, 0), 84);
 * assert.deepEqual(roundHalfUp(0.285, 2), 0.29);
 * assert.deepEqual(roundHalfUp(-0.5, 0), -1);
 * ```
 */
export function roundHalfUp(value: number, decimals: number): number {
  if (!Number.isFinite(value)) throw new RangeError(`Cannot round ${value}`);
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 9) {
    throw new RangeError(`Cannot round to ${decimals} decimals: expected an integer from 0 to 9`);
  }
  const sign = value < 0 ? -1 : 1;
  const scale = 10 ** decimals;
  // 15 significant digits drop the binary noise of the multiplication but keep every real digit.
  const shifted = Number((Math.abs(value) * scale).toPrecision(15));
  return (sign * Math.floor(shifted + 0.5)) / scale + 0; // + 0 turns -0 into 0
}

/**
 * Converts a summary or overall rating into published half stars (TN Table 22): the value is first taken to
 * the six decimals CMS computes with, then [x.25, x.75) → x.5 and [x.75, x+1.25) → x+1; at most 5 stars.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.deepEqual(roundToHalfStar(3.749999), 3.5);
 * assert.deepEqual(roundToHalfStar(3.75), 4);
 * assert.deepEqual(roundToHalfStar(4.8), 5);
 * ```
 */
export function roundToHalfStar(value: number): number {
  const v = roundHalfUp(value, 6);
  return Math.min(5, Math.floor(v * 2 + 0.5) / 2);
}
