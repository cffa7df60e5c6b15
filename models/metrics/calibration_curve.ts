import { validateScores } from "./_validate.ts";

/** How {@linkcode calibrationCurve} places its bin edges. */
export type CalibrationStrategy = "uniform" | "quantile";

/** One non-empty bin of a calibration curve. */
export interface CalibrationBin {
  /** 0-based index of the bin among all `nBins` bins (empty bins are left out). */
  bin: number;
  lower: number;
  upper: number;
  count: number;
  /** Mean predicted probability in the bin. */
  meanPredicted: number;
  /** Observed fraction of positives in the bin. */
  fractionPositive: number;
}

/**
 * Calibration (reliability) curve as scikit-learn's `calibration_curve`, with counts and edges.
 * Edges e₀ … e_B are `nBins` equal-width bins of [0, 1] (`uniform`) or the 0, 1/B, …, 1
 * quantiles of the probabilities with linear interpolation (`quantile`, NumPy's default
 * percentile). Probability p goes to bin #{inner edges eⱼ (0 < j < B) with eⱼ < p}, so each bin
 * is (eⱼ, eⱼ₊₁] and the first also holds e₀. For each non-empty bin: count, mean predicted
 * probability and observed fraction of positives.
 *
 * @example
 * ```ts
 * import { calibrationCurve } from "./calibration_curve.ts";
 * calibrationCurve([0, 1, 1], [0.2, 0.5, 0.9], 2, "uniform").map((b) => b.count); // [2, 1]
 * ```
 */
export function calibrationCurve(
  y: readonly number[],
  probability: readonly number[],
  nBins: number,
  strategy: CalibrationStrategy,
): CalibrationBin[] {
  validateScores("the calibration curve", y, probability, { probabilities: true });
  if (!Number.isInteger(nBins) || nBins < 1) {
    throw new Error(`Cannot compute the calibration curve: nBins must be a positive integer (got ${nBins})`);
  }
  const edges = binEdges(probability, nBins, strategy);
  const inner = edges.slice(1, -1);
  const count = new Array<number>(nBins).fill(0);
  const sumP = new Array<number>(nBins).fill(0);
  const sumY = new Array<number>(nBins).fill(0);
  probability.forEach((p, i) => {
    let b = 0;
    while (b < inner.length && inner[b]! < p) b++;
    count[b]!++;
    sumP[b]! += p;
    sumY[b]! += y[i]!;
  });
  const bins: CalibrationBin[] = [];
  for (let b = 0; b < nBins; b++) {
    if (count[b] === 0) continue;
    bins.push({
      bin: b,
      lower: edges[b]!,
      upper: edges[b + 1]!,
      count: count[b]!,
      meanPredicted: sumP[b]! / count[b]!,
      fractionPositive: sumY[b]! / count[b]!,
    });
  }
  return bins;
}

function binEdges(probability: readonly number[], nBins: number, strategy: CalibrationStrategy): number[] {
  // NumPy's linspace: k·step, with the last point set to the end exactly.
  const grid = Array.from({ length: nBins + 1 }, (_, k) => (k === nBins ? 1 : k * (1 / nBins)));
  switch (strategy) {
    case "uniform":
      return grid;
    case "quantile": {
      const sorted = [...probability].sort((a, b) => a - b);
      return grid.map((q) => numpyPercentile(sorted, q * 100));
    }
    default:
      throw new Error(`Cannot compute the calibration curve: invalid strategy ${JSON.stringify(strategy)}`);
  }
}

/**
 * NumPy's `percentile(a, q)` with the default "linear" method on sorted values, reproducing its
 * floating-point steps so that bin edges agree bit for bit: h = (n − 1) · q / 100, then a lerp
 * between the neighbours ⌊h⌋ and ⌊h⌋ + 1 that is evaluated from the nearer end.
 */
function numpyPercentile(sorted: readonly number[], q: number): number {
  const n = sorted.length;
  const h = (n - 1) * (q / 100);
  if (h >= n - 1) return sorted[n - 1]!;
  const lo = Math.floor(h);
  const t = h - lo;
  const a = sorted[lo]!, b = sorted[lo + 1]!;
  const diff = b - a;
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}
