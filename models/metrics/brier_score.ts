import { validateScores } from "./_validate.ts";

/**
 * Brier score, the mean squared error of probabilities: B = Σᵢ (pᵢ − yᵢ)² / n, in [0, 1], lower
 * is better; a constant forecast of the prevalence π scores π(1 − π).
 *
 * @example
 * ```ts
 * import { brierScore } from "./brier_score.ts";
 * brierScore([0, 1], [0.2, 0.6]); // (0.04 + 0.16) / 2 = 0.1
 * ```
 */
export function brierScore(y: readonly number[], probability: readonly number[]): number {
  validateScores("the Brier score", y, probability, { probabilities: true });
  let sum = 0;
  for (let i = 0; i < y.length; i++) sum += (probability[i]! - y[i]!) ** 2;
  return sum / y.length;
}
