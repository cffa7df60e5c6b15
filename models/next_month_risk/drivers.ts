import type { LogisticModel } from "../logistic/logistic_regression.ts";

/** One feature's contribution to a row's predicted log-odds. */
export interface Contribution {
  feature: string;
  value: number;
  /** βⱼˢ (xⱼ − x̄ⱼ) / sⱼ, in log-odds relative to an average training company. */
  contribution: number;
}

/**
 * Splits a row's predicted log-odds into per-feature contributions relative to the training mean:
 *
 *   log-odds = β₀ˢ + Σⱼ cⱼ,   cⱼ = βⱼˢ (xⱼ − x̄ⱼ) / sⱼ
 *
 * so a positive cⱼ means feature j pushes this company's risk above that of a company at the
 * training means. Returned in feature order.
 *
 * @example
 * ```ts
 * import { contributions } from "./drivers.ts";
 * // With βˢ = [2], x̄ = [10], s = [5]: x = 15 contributes 2 · (15 − 10) / 5 = 2.
 * ```
 */
export function contributions(
  model: LogisticModel,
  features: readonly string[],
  x: readonly number[],
): Contribution[] {
  const { means, scales } = model.standardizer;
  if (features.length !== means.length || x.length !== means.length) {
    throw new Error(
      `Cannot explain: ${features.length} names and ${x.length} values for ${means.length} features`,
    );
  }
  return features.map((feature, j) => ({
    feature,
    value: x[j]!,
    contribution: model.coefficientsStd[j]! * (x[j]! - means[j]!) / scales[j]!,
  }));
}

/**
 * The `k` contributions largest in absolute value, largest first (ties by feature name), leaving
 * out zero contributions.
 */
export function topDrivers(all: readonly Contribution[], k: number): Contribution[] {
  return all
    .filter((c) => c.contribution !== 0)
    .sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution) || (a.feature < b.feature ? -1 : 1))
    .slice(0, k);
}
