import { validateScores } from "./_validate.ts";

/** Precision and lift among the highest-scored share of rows. */
export interface TopFraction {
  /** Rows in the top share, k = ⌈fraction · n⌉. */
  k: number;
  /** Expected positives among those k rows (fractional when ties straddle the cut). */
  positives: number;
  precision: number;
  /** precision / prevalence; 1 means no better than picking at random; null without positives. */
  lift: number | null;
}

/**
 * Precision and lift in the top `fraction` of rows by score (0.1 = top decile). The list holds
 * k = ⌈fraction · n⌉ rows. Rows tied at the cut score are taken in proportion — of the t rows tied
 * with the k-th score, with a above it, k − a are selected and expected to hold
 * (k − a) · (positives among the tied) / t positives — so the result does not depend on row order.
 * precision = positives / k; lift = precision / (Σy / n).
 *
 * @example
 * ```ts
 * import { topFraction } from "./top_fraction.ts";
 * topFraction([1, 0, 1, 0], [0.9, 0.5, 0.5, 0.1], 0.5); // k 2, positives 1.5, precision 0.75, lift 1.5
 * ```
 */
export function topFraction(y: readonly number[], score: readonly number[], fraction: number): TopFraction {
  const { positives } = validateScores("top-fraction precision", y, score);
  if (!(fraction > 0 && fraction <= 1)) {
    throw new Error(`Cannot compute top-fraction precision: fraction must be in (0, 1] (got ${fraction})`);
  }
  const n = y.length;
  // Rounded first so that 0.1 · 300 = 30.000000000000004 gives 30, not 31.
  const k = Math.max(1, Math.ceil(Number((fraction * n).toFixed(9))));
  const cut = [...score].sort((a, b) => b - a)[k - 1]!;
  let above = 0, positivesAbove = 0, tied = 0, positivesTied = 0;
  for (let i = 0; i < n; i++) {
    if (score[i]! > cut) {
      above++;
      positivesAbove += y[i]!;
    } else if (score[i] === cut) {
      tied++;
      positivesTied += y[i]!;
    }
  }
  const selected = positivesAbove + (k - above) * positivesTied / tied;
  const precision = selected / k;
  return { k, positives: selected, precision, lift: positives === 0 ? null : precision / (positives / n) };
}
