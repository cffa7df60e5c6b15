import type { Direction } from "./catalogue.js";
import { roundHalfUp } from "./rounding.js";

/**
 * The four star thresholds [t2, t3, t4, t5]. Higher is better: tₛ is the inclusive lower bound of s stars
 * (score < t2 → 1★). Lower is better: tₛ is the inclusive upper bound of s stars (score > t2 → 1★, score ≤ t5
 * → 5★), the order CMS's cut-point table prints them in.
 */
export type Thresholds = [number, number, number, number];

/**
 * A measure's published cut points: the four boundaries of 2, 3, 4 and 5 stars.
 * Higher is better: s stars when thresholds[s-2] ≤ score (lower bound inclusive), 1 star below thresholds[0].
 * Lower is better: s stars when score ≤ thresholds[s-2] (upper bound inclusive), 1 star above thresholds[0].
 */
export interface CutPoints {
  direction: Direction;
  thresholds: Readonly<Thresholds>;
}

/** A measure star, 1 to 5. */
export type Star = 1 | 2 | 3 | 4 | 5;

/**
 * Assigns measure stars from a score (TN Attachment K; "Rounding Rules for Measure Scores"): the score is first
 * rounded half up to the measure's display precision, then
 * higher is better: stars = 1 + #{s : score ≥ T_s}; lower is better: stars = 1 + #{s : score ≤ T_s}.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * const bcs = { direction: "higher", thresholds: [58, 71, 76, 84] } as const;
 * assert.deepEqual(starFromScore(75.5, bcs, 0), 4); // displayed as 76
 * assert.deepEqual(starFromScore(75.49, bcs, 0), 3);
 * const pcr = { direction: "lower", thresholds: [12, 10, 9, 7] } as const;
 * assert.deepEqual(starFromScore(7, pcr, 0), 5);
 * assert.deepEqual(starFromScore(12, pcr, 0), 2);
 * ```
 */
export function starFromScore(score: number, cut: CutPoints, precision: number): Star {
  const x = roundHalfUp(score, precision);
  let stars = 1;
  for (const t of cut.thresholds) {
    if (cut.direction === "higher" ? x >= t : x <= t) stars++;
  }
  return stars as Star;
}

/**
 * The lowest (higher is better) or highest (lower is better) displayed score that earns `star` stars, or
 * `undefined` for 1 star, which every score earns.
 */
export function scoreForStar(star: Star, cut: CutPoints): number | undefined {
  return star === 1 ? undefined : cut.thresholds[star - 2];
}
