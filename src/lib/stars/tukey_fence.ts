/**
 * Tukey outer-fence trimming of a measure's scores before clustering (CMS Star Ratings since
 * 2024; Technical Notes Attachment K).
 */

/**
 * The p-th quantile of `sorted` (ascending) by SAS's default definition (PROC MEANS / PROC
 * UNIVARIATE QNTLDEF=5, the empirical distribution function with averaging), which CMS uses:
 * with j = ⌊n·p⌋ and g = n·p − j, Q = (x₍ⱼ₎ + x₍ⱼ₊₁₎)/2 when g = 0, else Q = x₍ⱼ₊₁₎ (1-based order
 * statistics).
 *
 * @example
 * ```ts
 * import { sasQuantile } from "./tukey_fence.ts";
 * import assert from "node:assert/strict";
 * assert.equal(sasQuantile([1, 2, 3, 4], 0.25), 1.5); // n·p = 1 is whole: mean of x₁ and x₂
 * assert.equal(sasQuantile([1, 2, 3, 4, 5], 0.25), 2); // n·p = 1.25: x₂
 * ```
 */
export function sasQuantile(sorted: readonly number[], p: number): number {
  const n = sorted.length;
  if (n === 0) throw new Error("Cannot take a quantile of no scores");
  if (!(p > 0 && p < 1)) throw new Error(`Cannot take quantile p=${p}: expected 0 < p < 1`);
  // n·p computed in floating point can land a hair off an integer (e.g. 0.25 · 100); snap it.
  const np = Math.round(n * p * 1e9) / 1e9;
  const j = Math.floor(np);
  if (np === j) return (sorted[j - 1]! + sorted[j]!) / 2;
  return sorted[j]!;
}

/** Result of {@linkcode tukeyOuterFence}. */
export interface TukeyFence {
  q1: number;
  q3: number;
  /** max(scale minimum, Q1 − 3·IQR) */
  lower: number;
  /** min(scale maximum, Q3 + 3·IQR) */
  upper: number;
  /** the scores inside [lower, upper] (boundary values kept), in input order */
  kept: number[];
  /** how many scores fell outside the fences */
  removed: number;
}

/**
 * Removes outliers beyond Tukey's outer fences: keeps x with Q1 − 3·IQR ≤ x ≤ Q3 + 3·IQR, IQR =
 * Q3 − Q1, quartiles by {@linkcode sasQuantile}; the fences are clamped to the scale's natural
 * range (`min`, `max`).
 *
 * @example
 * ```ts
 * import { tukeyOuterFence } from "./tukey_fence.ts";
 * import assert from "node:assert/strict";
 * // Q1 = 12, Q3 = 16, IQR = 4: fences 0 and 28
 * assert.deepEqual(tukeyOuterFence([10, 11, 12, 13, 14, 15, 16, 17, 90], { min: 0, max: 100 }).removed, 1);
 * ```
 */
export function tukeyOuterFence(
  scores: readonly number[],
  range: { min: number; max: number } = { min: -Infinity, max: Infinity },
): TukeyFence {
  const sorted = [...scores].sort((a, b) => a - b);
  const q1 = sasQuantile(sorted, 0.25), q3 = sasQuantile(sorted, 0.75);
  const iqr = q3 - q1;
  const lower = Math.max(range.min, q1 - 3 * iqr), upper = Math.min(range.max, q3 + 3 * iqr);
  const kept = scores.filter((x) => x >= lower && x <= upper);
  return { q1, q3, lower, upper, kept, removed: scores.length - kept.length };
}
