/** Column means and scales of a feature matrix, learnt on training rows only. */
export interface Standardizer {
  /** Mean of each column. */
  means: number[];
  /** Population standard deviation of each column, or 1 for a constant column. */
  scales: number[];
}

/**
 * Learns per-column standardisation: mean x̄ⱼ = Σᵢ xᵢⱼ / n and scale sⱼ = √(Σᵢ (xᵢⱼ − x̄ⱼ)² / n)
 * (population SD, as scikit-learn's `StandardScaler`); a column with sⱼ = 0 gets sⱼ = 1 so it
 * standardises to zeros instead of dividing by zero.
 *
 * @example
 * ```ts
 * import { fitStandardizer } from "./standardize.ts";
 * fitStandardizer([[1, 5], [3, 5]]); // { means: [2, 5], scales: [1, 1] }
 * ```
 */
export function fitStandardizer(x: readonly (readonly number[])[]): Standardizer {
  const n = x.length;
  if (n === 0) throw new Error("Cannot standardise: no rows");
  const p = x[0]!.length;
  const means = new Array<number>(p).fill(0);
  x.forEach((row, i) => {
    if (row.length !== p) {
      throw new Error(`Cannot standardise: row ${i} has ${row.length} features, expected ${p}`);
    }
    for (let j = 0; j < p; j++) {
      if (!Number.isFinite(row[j]!)) {
        throw new Error(`Cannot standardise: row ${i} column ${j} is not finite (${row[j]})`);
      }
      means[j]! += row[j]!;
    }
  });
  for (let j = 0; j < p; j++) means[j] = means[j]! / n;
  const scales = new Array<number>(p).fill(0);
  for (const row of x) for (let j = 0; j < p; j++) scales[j]! += (row[j]! - means[j]!) ** 2;
  for (let j = 0; j < p; j++) {
    const sd = Math.sqrt(scales[j]! / n);
    // Rounding leaves a constant column with a variance of a few ulps, not exactly 0.
    scales[j] = sd > 1e-12 * Math.max(1, Math.abs(means[j]!)) ? sd : 1;
  }
  return { means, scales };
}

/**
 * Standardises rows with a learnt {@linkcode Standardizer}: zᵢⱼ = (xᵢⱼ − x̄ⱼ) / sⱼ.
 *
 * @example
 * ```ts
 * import { standardize } from "./standardize.ts";
 * standardize([[4]], { means: [2], scales: [2] }); // [[1]]
 * ```
 */
export function standardize(x: readonly (readonly number[])[], s: Standardizer): number[][] {
  return x.map((row) => row.map((v, j) => (v - s.means[j]!) / s.scales[j]!));
}
