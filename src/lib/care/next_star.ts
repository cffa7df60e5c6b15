/** A measure's 2026 cut points: the lowest whole-percent score of 2★, 3★, 4★ and 5★ (higher is
 * better), or the highest score that still earns them (lower is better). */
export interface CutPoints {
  direction: "higher" | "lower";
  /** [2★, 3★, 4★, 5★]. */
  cuts: readonly [number, number, number, number];
}

/**
 * Whole-percent score as CMS displays these measures: 100 · numerator / denominator rounded half
 * up.
 *
 * @example
 * ```ts
 * import { wholePercent } from "./next_star.js";
 * wholePercent(1, 8); // 13 (12.5 rounds up)
 * ```
 */
export function wholePercent(numerator: number, denominator: number): number {
  return Math.floor((100 * numerator) / denominator + 0.5 + 1e-9);
}

/**
 * Measure star of a whole-percent score: higher is better → 1 + #{cuts c ≤ score}; lower is
 * better → 1 + #{cuts c ≥ score} (PCR: > 12 is 1★, ≤ 7 is 5★).
 *
 * @example
 * ```ts
 * import { measureStar } from "./next_star.js";
 * measureStar(72, { direction: "higher", cuts: [60, 72, 80, 86] }); // 3
 * ```
 */
export function measureStar(score: number, cut: CutPoints): number {
  return 1 + cut.cuts.filter((c) => (cut.direction === "higher" ? c <= score : c >= score)).length;
}

/** Result of {@linkcode closuresToNextStar}. */
export interface NextStar {
  star: number;
  /** Closures (members made compliant, or readmissions avoided for a lower-is-better measure) that
   * lift the score to the next star; null at 5★ or when no number of closures reaches it. */
  needed: number | null;
}

/**
 * How many closures a contract needs for its next star on one measure: the least k ≥ 0 with
 * star(score(numerator ± k)) > star(score(numerator)), where a closure adds one to the numerator
 * (higher is better, k ≤ denominator − numerator) or removes one event (lower is better,
 * k ≤ numerator). It stands in for the star engine's `membersToNextStar` and can be replaced by it.
 *
 * @example
 * ```ts
 * import { closuresToNextStar } from "./next_star.js";
 * // 70 of 100 is 70% = 2★ on cuts 60/72/80/86; 3★ (72%) needs 2 more.
 * closuresToNextStar(100, 70, { direction: "higher", cuts: [60, 72, 80, 86] }); // { star: 2, needed: 2 }
 * ```
 */
export function closuresToNextStar(denominator: number, numerator: number, cut: CutPoints): NextStar {
  if (
    !(Number.isInteger(denominator) && denominator > 0 && Number.isInteger(numerator)) || numerator < 0 ||
    numerator > denominator
  ) {
    throw new Error(
      `Cannot count closures to the next star: need whole 0 ≤ numerator ≤ denominator > 0 (got ${numerator}/${denominator})`,
    );
  }
  const star = measureStar(wholePercent(numerator, denominator), cut);
  if (star === 5) return { star, needed: null };
  const sign = cut.direction === "higher" ? 1 : -1;
  const limit = cut.direction === "higher" ? denominator - numerator : numerator;
  for (let k = 1; k <= limit; k++) {
    if (measureStar(wholePercent(numerator + sign * k, denominator), cut) > star) return { star, needed: k };
  }
  return { star, needed: null };
}
