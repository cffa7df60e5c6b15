import { validateScores } from "./_validate.ts";

/**
 * Mean log-loss (cross-entropy) of probabilities, as scikit-learn's `log_loss`:
 * L = −Σᵢ [yᵢ log pᵢ + (1 − yᵢ) log(1 − pᵢ)] / n, with pᵢ clipped to [ε, 1 − ε], ε = 2⁻⁵² so a
 * confident miss costs a large but finite amount.
 *
 * @example
 * ```ts
 * import { logLoss } from "./log_loss.ts";
 * logLoss([1, 0], [0.5, 0.5]); // Math.LN2
 * ```
 */
export function logLoss(y: readonly number[], probability: readonly number[]): number {
  validateScores("log-loss", y, probability, { probabilities: true });
  const eps = Number.EPSILON;
  let sum = 0;
  for (let i = 0; i < y.length; i++) {
    const p = Math.min(Math.max(probability[i]!, eps), 1 - eps);
    sum -= y[i] === 1 ? Math.log(p) : Math.log(1 - p);
  }
  return sum / y.length;
}
