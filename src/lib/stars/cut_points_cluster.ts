/**
 * Measure cut points from the national score distribution, for non-CAHPS measures (CMS Technical
 * Notes 2026 pp. 9–10 and Attachment K; 42 CFR 422.166(a)(2)).
 */
import type { Direction } from "./catalogue.js";
import type { Thresholds } from "./measure_stars.js";
import { roundHalfUp } from "./rounding.js";
import { seededGroups } from "./seeded_groups.js";
import { type TukeyFence, tukeyOuterFence } from "./tukey_fence.js";
import { wardClusters } from "./ward.js";

export type { Direction, Thresholds };

/**
 * Thresholds between `levels` star levels from one clustering run: Ward clustering of `scores` into
 * `levels` clusters ordered from the worst to the best; for higher-is-better the threshold of a level
 * is the minimum of its cluster, for lower-is-better the maximum. Returns `levels − 1` thresholds,
 * worst boundary first. When ties leave fewer clusters, they take the best levels and the missing
 * lower levels get the worst end of the scale (`worst`).
 */
export function clusterBounds(
  scores: readonly number[],
  levels: number,
  direction: Direction,
  worst: number,
): number[] {
  const labels = wardClusters(scores, levels);
  const count = Math.max(-1, ...labels) + 1;
  const ranges = Array.from({ length: count }, () => ({ min: Infinity, max: -Infinity }));
  labels.forEach((label, i) => {
    const r = ranges[label]!;
    r.min = Math.min(r.min, scores[i]!);
    r.max = Math.max(r.max, scores[i]!);
  });
  // Clusters with identical score ranges count once (only possible with `levels` or fewer scores).
  const distinct = ranges.filter((r, i) =>
    i === 0 || r.min !== ranges[i - 1]!.min || r.max !== ranges[i - 1]!.max
  );
  // Clusters are ordered by mean ascending; for lower-is-better the best cluster is the first one.
  const bounds = direction === "higher" ? distinct.map((r) => r.min) : distinct.map((r) => r.max).reverse();
  const padded = [...new Array<number>(Math.max(0, levels - bounds.length)).fill(worst), ...bounds];
  return padded.slice(1);
}

/**
 * Thresholds of one clustering run into 5 star levels ({@linkcode clusterBounds} with 5 levels):
 * for higher-is-better tₛ = min of the s-th cluster, for lower-is-better tₛ = max of the s-th
 * cluster (s = 2…5). The missing-level convention is the one CMS's 2026 MPF Price Accuracy
 * thresholds show (one cluster at 99 → 0/0/0/99).
 *
 * @example
 * ```ts
 * import { clusterThresholds } from "./cut_points_cluster.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(clusterThresholds([10, 11, 30, 31, 50, 51, 70, 71, 90, 91], "higher", 0), [30, 50, 70, 90]);
 * ```
 */
export function clusterThresholds(
  scores: readonly number[],
  direction: Direction,
  worst: number,
): Thresholds {
  return clusterBounds(scores, 5, direction, worst) as Thresholds;
}

/** How {@linkcode meanResampledCutPoints} runs. */
export interface CutPointOptions {
  direction: Direction;
  /** decimals of the measure's display precision (0 for whole percentages, 2 for complaints) */
  precision: number;
  /** natural range of the scale, clamping the Tukey fences (0–100 for rates) */
  range: { min: number; max: number };
  /** seed of the random group split; CMS uses 8675309 in SAS (its split is not reproducible) */
  seed?: number;
  /** number of groups left out one at a time (CMS: 10) */
  groups?: number;
  /**
   * fences to use instead of computing Tukey's from these scores (e.g. CMS's published ones, to
   * separate the effect of the score list from that of the clustering)
   */
  fence?: { lower: number; upper: number };
}

/** Everything {@linkcode meanResampledCutPoints} computed, for reports and tests. */
export interface CutPointResult {
  /** scores that entered (after rounding to display precision) */
  n: number;
  fence: { q1: number; q3: number; lower: number; upper: number; removed: number };
  /**
   * min and max of the scores inside the fences: next year's restricted-range guardrail cap is
   * 0.05·(max − min) of this range
   */
  trimmedRange: { min: number; max: number };
  /** thresholds of each leave-one-group-out run */
  runs: Thresholds[];
  /** arithmetic mean of the runs, unrounded */
  mean: Thresholds;
  /** the mean rounded half up to the display precision: the mean-resampled cut points */
  thresholds: Thresholds;
}

function withFence(scores: number[], f: { lower: number; upper: number }): TukeyFence {
  const kept = scores.filter((x) => x >= f.lower && x <= f.upper);
  return { q1: NaN, q3: NaN, ...f, kept, removed: scores.length - kept.length };
}

/** The seed CMS passes to PROC SURVEYSELECT (Technical Notes Attachment K). */
export const CMS_GROUP_SEED = 8675309;

/**
 * Mean-resampled cut points of one measure: round scores to display precision (half up) → drop
 * scores outside Tukey's outer fences → split the rest at random into G groups (seeded) → for each
 * group g, Ward-cluster the scores of the other G − 1 groups into 5 clusters and read thresholds
 * ({@linkcode clusterThresholds}) → tₛ = (1/G)·Σ_g tₛ⁽ᵍ⁾ → round tₛ half up to display precision.
 *
 * @example
 * ```ts
 * import { meanResampledCutPoints } from "./cut_points_cluster.ts";
 * import assert from "node:assert/strict";
 * // 20 contracts at each of five well-separated levels: every run finds the same clusters.
 * const scores = [20, 40, 60, 80, 95].flatMap((v) => new Array<number>(20).fill(v));
 * const result = meanResampledCutPoints(scores, { direction: "higher", precision: 0, range: { min: 0, max: 100 } });
 * assert.deepEqual(result.thresholds, [40, 60, 80, 95]);
 * ```
 */
export function meanResampledCutPoints(scores: readonly number[], options: CutPointOptions): CutPointResult {
  const { direction, precision, range, seed = CMS_GROUP_SEED, groups = 10, fence: fixed } = options;
  const rounded = scores.map((s, i) => {
    if (!Number.isFinite(s)) throw new Error(`Cannot compute cut points: score ${i} is not a number (${s})`);
    return roundHalfUp(s, precision);
  });
  const fence = fixed ? withFence(rounded, fixed) : tukeyOuterFence(rounded, range);
  const x = fence.kept;
  if (x.length < groups + 5) {
    throw new Error(
      `Cannot compute cut points from ${x.length} scores inside the fences: expected ≥ ${groups + 5}`,
    );
  }
  const group = seededGroups(x.length, groups, seed);
  const worst = direction === "higher" ? range.min : range.max;
  const runs: Thresholds[] = [];
  for (let g = 0; g < groups; g++) {
    runs.push(clusterThresholds(x.filter((_, i) => group[i] !== g), direction, worst));
  }
  const mean = [0, 1, 2, 3].map((s) => runs.reduce((sum, r) => sum + r[s]!, 0) / groups) as Thresholds;
  const thresholds = mean.map((t) => roundHalfUp(t, precision)) as Thresholds;
  const { q1, q3, lower, upper, removed } = fence;
  const trimmedRange = { min: Math.min(...x), max: Math.max(...x) };
  return {
    n: rounded.length,
    fence: { q1, q3, lower, upper, removed },
    trimmedRange,
    runs,
    mean,
    thresholds,
  };
}
