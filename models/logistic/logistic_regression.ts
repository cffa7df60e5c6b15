import { fitLogistic, type FitLogisticOptions } from "./fit_logistic.ts";
import { sigmoid } from "./sigmoid.ts";
import { fitStandardizer, standardize, type Standardizer } from "./standardize.ts";

/** A logistic regression fitted on standardised features, with both coefficient scales. */
export interface LogisticModel {
  standardizer: Standardizer;
  /** Intercept and coefficients on the standardised scale (per one training SD). */
  interceptStd: number;
  coefficientsStd: number[];
  /** Intercept and coefficients on the original scale (per one unit of the raw feature). */
  intercept: number;
  coefficients: number[];
  converged: boolean;
  iterations: number;
  gradientMax: number;
  objective: number;
}

/**
 * Standardises the features on the training rows ({@linkcode fitStandardizer}), fits a penalised
 * logistic regression on them ({@linkcode fitLogistic}, the penalty acting on the standardised
 * coefficients), and maps the coefficients back to the original scale:
 *
 *   βⱼ = βⱼˢ / sⱼ,   β₀ = β₀ˢ − Σⱼ βⱼˢ x̄ⱼ / sⱼ
 *
 * so that β₀ + xᵀβ = β₀ˢ + zᵀβˢ for z = (x − x̄) / s. The odds ratio per unit is e^{βⱼ} and per
 * training SD e^{βⱼˢ}.
 *
 * @example
 * ```ts
 * import { fitLogisticRegression, predictProbability } from "./logistic_regression.ts";
 * const m = fitLogisticRegression([[0], [1], [2], [3]], [0, 0, 1, 1]);
 * predictProbability(m, [[1.5]])[0]; // 0.5 by symmetry
 * ```
 */
export function fitLogisticRegression(
  x: readonly (readonly number[])[],
  y: readonly number[],
  options: FitLogisticOptions = {},
): LogisticModel {
  const standardizer = fitStandardizer(x);
  const fit = fitLogistic(standardize(x, standardizer), y, options);
  const coefficients = fit.coefficients.map((b, j) => b / standardizer.scales[j]!);
  const intercept = fit.intercept - coefficients.reduce((s, b, j) => s + b * standardizer.means[j]!, 0);
  return {
    standardizer,
    interceptStd: fit.intercept,
    coefficientsStd: fit.coefficients,
    intercept,
    coefficients,
    converged: fit.converged,
    iterations: fit.iterations,
    gradientMax: fit.gradientMax,
    objective: fit.objective,
  };
}

/**
 * Log-odds β₀ˢ + Σⱼ βⱼˢ (xⱼ − x̄ⱼ) / sⱼ of each row under a fitted model.
 *
 * @example
 * ```ts
 * import { fitLogisticRegression, predictLogOdds } from "./logistic_regression.ts";
 * predictLogOdds(fitLogisticRegression([[0], [1]], [0, 1]), [[0.5]]); // [≈0]
 * ```
 */
export function predictLogOdds(model: LogisticModel, x: readonly (readonly number[])[]): number[] {
  const { means, scales } = model.standardizer;
  return x.map((row) => {
    if (row.length !== means.length) {
      throw new Error(`Cannot predict: row has ${row.length} features, the model has ${means.length}`);
    }
    return row.reduce(
      (z, v, j) => z + model.coefficientsStd[j]! * (v - means[j]!) / scales[j]!,
      model.interceptStd,
    );
  });
}

/**
 * Probability σ(log-odds) of each row under a fitted model.
 *
 * @example
 * ```ts
 * import { fitLogisticRegression, predictProbability } from "./logistic_regression.ts";
 * predictProbability(fitLogisticRegression([[0], [1]], [0, 1]), [[0.5]]); // [≈0.5]
 * ```
 */
export function predictProbability(model: LogisticModel, x: readonly (readonly number[])[]): number[] {
  return predictLogOdds(model, x).map(sigmoid);
}
