/** The features of a contract-year that the next-year forecast reads. */
import type { Catalogue } from "../../src/lib/stars/catalogue.ts";
import type { CutPoints } from "../../src/lib/stars/measure_stars.ts";
import type { ContractRatings } from "../../src/lib/stars/summary.ts";
import type { MeasureStats } from "./simulate.ts";

/** Names of the columns {@link forecastFeatures} returns, in order. */
export const FEATURE_NAMES = [
  "overall_value",
  "overall_stars",
  "overall_mean",
  "overall_variance",
  "reward_factor",
  "part_c_value",
  "part_d_value",
  "weighted_z",
  "weighted_expected_z",
  "weighted_gap_up",
  "weighted_gap_down",
] as const;

/** What the features need besides the contract: the year's national picture. */
export interface FeatureContext {
  catalogue: Catalogue;
  /** National mean of the year and the contract-level SD, by measure key. */
  stats: ReadonlyMap<string, MeasureStats>;
  correlation: ReadonlyMap<string, number>;
  cutPoints: ReadonlyMap<string, CutPoints>;
}

/** A contract-year: scores of measures with cut points, every measure star, and the ratings. */
export interface ContractState {
  scores: ReadonlyMap<string, number>;
  stars: ReadonlyMap<string, number>;
  ratings: ContractRatings;
}

const CAP = 3;

/**
 * Features of a contract with an overall rating (null without one). Besides the rating's own numbers (final
 * value, half stars, weighted mean and variance, reward factor, Part C/D values), over the scored measures in
 * the overall rating with weights wₘ, z-scores zₘ = ±(sₘ − μₘ)/σₘ (sign: better is positive):
 * weighted_z = Σ wz / Σ w; weighted_expected_z = Σ wρz / Σ w (next year's expected standing under persistence ρ);
 * weighted_gap_up = Σ w · min(3, |T_next − s| / σ) / Σ w (3 at 5 stars) and weighted_gap_down = Σ w ·
 * min(3, |s − T_star| / σ) / Σ w (3 at 1 star): how far each measure sits from gaining or losing a star.
 */
export function forecastFeatures(state: ContractState, ctx: FeatureContext): number[] | null {
  const o = state.ratings.overall;
  if (o.stars === null || o.value === undefined) return null;
  let sw = 0, z = 0, ez = 0, up = 0, down = 0;
  for (const [key, s] of state.scores) {
    const m = ctx.catalogue.byKey.get(key);
    const st = ctx.stats.get(key);
    const cut = ctx.cutPoints.get(key);
    const star = state.stars.get(key);
    if (!m || !m.inOverall || !st || !cut || star === undefined || !(st.sd > 0)) continue;
    const sign = m.direction === "higher" ? 1 : -1;
    const zm = (sign * (s - st.mean)) / st.sd;
    const next = star < 5 ? cut.thresholds[star - 1]! : undefined;
    const floor = star > 1 ? cut.thresholds[star - 2]! : undefined;
    sw += m.weight;
    z += m.weight * zm;
    ez += m.weight * (ctx.correlation.get(key) ?? 0) * zm;
    up += m.weight * (next === undefined ? CAP : Math.min(CAP, Math.abs(next - s) / st.sd));
    down += m.weight * (floor === undefined ? CAP : Math.min(CAP, Math.abs(s - floor) / st.sd));
  }
  const per = (x: number) => (sw > 0 ? x / sw : 0);
  return [
    o.value,
    o.stars,
    o.mean ?? 0,
    o.variance ?? 0,
    o.rewardFactor ?? 0,
    state.ratings.part_c.value ?? 0,
    state.ratings.part_d.value ?? 0,
    per(z),
    per(ez),
    per(up),
    per(down),
  ];
}
