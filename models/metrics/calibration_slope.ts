import { fitLogistic } from "../logistic/fit_logistic.ts";
import { validateScores } from "./_validate.ts";

/** Logistic recalibration of predictions: logit P(y = 1) = intercept + slope · logit(p). */
export interface CalibrationSlope {
  intercept: number;
  slope: number;
}

/**
 * Calibration intercept and slope (Cox 1958; recommended by Van Calster et al., BMC Medicine 2019):
 * the unpenalised logistic regression of the outcome on the predicted log-odds,
 *
 *   logit P(yᵢ = 1) = a + b · logit(pᵢ),   pᵢ clipped to [10⁻¹⁵, 1 − 10⁻¹⁵].
 *
 * b = 1 and a = 0 for perfectly calibrated predictions; b < 1 means they are too extreme (typical of
 * overfitting), b > 1 too timid. Null when the predictions do not vary, only one class is present,
 * or the outcome is perfectly separated by the predictions (the slope is then unbounded).
 *
 * @example
 * ```ts
 * import { calibrationSlope } from "./calibration_slope.ts";
 * calibrationSlope([0, 1, 0, 1, 1], [0.2, 0.7, 0.4, 0.3, 0.9]); // { intercept: …, slope: … }
 * ```
 */
export function calibrationSlope(
  y: readonly number[],
  probability: readonly number[],
): CalibrationSlope | null {
  const { positives, negatives } = validateScores("the calibration slope", y, probability, {
    probabilities: true,
  });
  if (positives === 0 || negatives === 0) return null;
  const x = probability.map((p) => {
    const q = Math.min(Math.max(p, 1e-15), 1 - 1e-15);
    return [Math.log(q / (1 - q))];
  });
  if (x.every((r) => r[0] === x[0]![0])) return null;
  // (Quasi-)complete separation: the maximum-likelihood slope is infinite.
  let minPos = Infinity, maxPos = -Infinity, minNeg = Infinity, maxNeg = -Infinity;
  x.forEach(([v], i) => {
    if (y[i] === 1) [minPos, maxPos] = [Math.min(minPos, v!), Math.max(maxPos, v!)];
    else [minNeg, maxNeg] = [Math.min(minNeg, v!), Math.max(maxNeg, v!)];
  });
  if (maxNeg <= minPos || maxPos <= minNeg) return null;
  // A negligible penalty keeps Newton's Hessian invertible without moving the estimate.
  const fit = fitLogistic(x, y, { C: 1e12, maxIter: 100 });
  return fit.converged ? { intercept: fit.intercept, slope: fit.coefficients[0]! } : null;
}
