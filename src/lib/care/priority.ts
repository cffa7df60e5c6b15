/**
 * Worklist priority of one gap: star impact × member risk,
 *
 *   priority = w · s · p,   s = 1 / n when the contract needs n ≥ 1 closures for its next star on
 *   the measure, s = 0.01 when there is no next star to win (5★ already, or out of reach),
 *
 * where w is the measure's Star Ratings weight (1 process, 3 outcome / intermediate outcome) and
 * p the member's predicted probability of an avoidable ER visit or admission in the next 3 months.
 * w · s is the share of one measure-star, in weight units, that closing this gap buys; p puts the
 * members whose outreach also heads off an acute event first.
 *
 * @example
 * ```ts
 * import { gapPriority } from "./priority.js";
 * gapPriority(3, 4, 0.2); // 3 · ¼ · 0.2 = 0.15
 * ```
 */
export function gapPriority(weight: number, neededForNextStar: number | null, probability: number): number {
  if (!(weight >= 0) || !(probability >= 0 && probability <= 1)) {
    throw new Error(
      `Cannot prioritise a gap: weight ${weight} and probability ${probability} must be ≥ 0 and ≤ 1`,
    );
  }
  const share = neededForNextStar !== null && neededForNextStar >= 1 ? 1 / neededForNextStar : 0.01;
  return weight * share * probability;
}
