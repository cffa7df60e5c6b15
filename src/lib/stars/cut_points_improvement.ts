/**
 * Cut points of the Part C and Part D quality improvement measures (C30, D04), which CMS clusters
 * apart for declining and improving contracts (Technical Notes 2026 Attachment K, "Select the final
 * set of clusters"): a score ≥ 0 earns at least 3 stars.
 */
import { clusterBounds, CMS_GROUP_SEED, type Thresholds } from "./cut_points_cluster.js";
import { roundHalfUp } from "./rounding.js";
import { seededGroups } from "./seeded_groups.js";
import { tukeyOuterFence } from "./tukey_fence.js";

/** Improvement scores are displayed with 6 decimals and lie in [−1, 1]. */
const PRECISION = 6;

function meanOfRuns(
  scores: number[],
  levels: number,
  worst: number,
  seed: number,
  groups: number,
): number[] {
  const group = seededGroups(scores.length, groups, seed);
  const runs = Array.from(
    { length: groups },
    (_, g) => clusterBounds(scores.filter((_, i) => group[i] !== g), levels, "higher", worst),
  );
  return runs[0]!.map((_, s) => runs.reduce((sum, run) => sum + run[s]!, 0) / groups);
}

/**
 * Mean-resampled improvement cut points [t2, 0, t4, t5]: scores rounded half up to 6 decimals and
 * split into declines (< 0) and non-declines (≥ 0); each part gets its own Tukey outer fence
 * (clamped to [−1, 0] and [0, 1]), its own seeded 10-group split, and leave-one-group-out Ward
 * clustering — into 2 levels (1★, 2★) for declines, giving t2, and into 3 levels (3★, 4★, 5★) for
 * non-declines, giving t4 and t5; the 3★ threshold is 0 by rule. Each threshold is the mean of the
 * runs, rounded half up to 6 decimals.
 *
 * @example
 * ```ts
 * import { improvementCutPoints } from "./cut_points_improvement.ts";
 * import assert from "node:assert/strict";
 * const scores = [-0.5, -0.1, 0, 0.3, 0.6].flatMap((v) => new Array<number>(15).fill(v));
 * assert.deepEqual(improvementCutPoints(scores).thresholds, [-0.1, 0, 0.3, 0.6]);
 * ```
 */
export function improvementCutPoints(
  scores: readonly number[],
  options: { seed?: number; groups?: number } = {},
): { thresholds: Thresholds; declines: number; nonDeclines: number } {
  const { seed = CMS_GROUP_SEED, groups = 10 } = options;
  const rounded = scores.map((s, i) => {
    if (!Number.isFinite(s) || s < -1 || s > 1) {
      throw new Error(`Cannot compute improvement cut points: score ${i} is not in [−1, 1] (${s})`);
    }
    return roundHalfUp(s, PRECISION);
  });
  const trim = (part: number[], name: string, range: { min: number; max: number }) => {
    const kept = part.length ? tukeyOuterFence(part, range).kept : [];
    if (kept.length < groups + 3) {
      throw new Error(
        `Cannot compute improvement cut points from ${kept.length} ${name} scores: expected ≥ ${groups + 3}`,
      );
    }
    return kept;
  };
  const declines = trim(rounded.filter((x) => x < 0), "declining", { min: -1, max: 0 });
  const nonDeclines = trim(rounded.filter((x) => x >= 0), "non-declining", { min: 0, max: 1 });
  const [t2] = meanOfRuns(declines, 2, -1, seed, groups);
  const [t4, t5] = meanOfRuns(nonDeclines, 3, 0, seed, groups);
  const thresholds = [t2!, 0, t4!, t5!].map((t) => roundHalfUp(t, PRECISION)) as Thresholds;
  return { thresholds, declines: declines.length, nonDeclines: nonDeclines.length };
}
