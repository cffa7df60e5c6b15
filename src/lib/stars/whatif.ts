import type { Catalogue } from "./catalogue.js";
import { type CutPoints, type Star, starFromScore } from "./measure_stars.js";
import { roundHalfUp } from "./rounding.js";
import type { YearRules } from "./rules.js";
import { type ContractProfile, type ContractRatings, rateContract } from "./summary.js";

/**
 * One measure of a contract: a score (with its numerator and denominator when it is a rate) turned into stars
 * through the cut points, or a star given directly (CAHPS, improvement and other measures with no score).
 */
export interface MeasureState {
  key: string;
  score?: number;
  numerator?: number;
  denominator?: number;
  star?: number;
}

/** A change to apply: a score delta, N more compliant members, or a star set directly. */
export type Change =
  | { key: string; scoreDelta: number }
  | { key: string; addCompliant: number }
  | { key: string; star: number };

/** Everything the What-If needs besides the measures: pure data, no I/O. */
export interface WhatIfContext {
  catalogue: Catalogue;
  rules: YearRules;
  /** Cut points by stable measure key, for the contract's scope (MA-PD or PDP for Part D). */
  cutPoints: ReadonlyMap<string, CutPoints>;
  profile: ContractProfile;
}

/** A What-If result: stars by measure, the ratings, and the bonus threshold. */
export interface WhatIfResult {
  stars: Map<string, Star>;
  ratings: ContractRatings;
  /** The contract's highest rating (overall, Part C or Part D by contract type), or null. */
  highest: number | null;
}

/** Comparison of a scenario with the current state. */
export interface WhatIfComparison {
  before: WhatIfResult;
  after: WhatIfResult;
  measures: { key: string; before?: Star; after?: Star }[];
  /** Crosses into the quality-bonus level (highest rating < 4 before, ≥ 4 after). */
  crossesFourStars: boolean;
  /** Falls out of it (≥ 4 before, < 4 after). */
  losesFourStars: boolean;
}

/**
 * Applies changes to measure states. A score delta moves the score (a rate's numerator is then dropped); N
 * more compliant members move the numerator by N — up for higher-is-better measures, down (N fewer events)
 * for lower-is-better ones — within [0, denominator], and the score becomes 100 × numerator / denominator.
 */
export function applyChanges(
  measures: readonly MeasureState[],
  changes: readonly Change[],
  catalogue: Catalogue,
): MeasureState[] {
  const byKey = new Map(measures.map((m) => [m.key, { ...m }]));
  for (const change of changes) {
    const m = byKey.get(change.key) ?? { key: change.key };
    if ("star" in change) {
      if (!Number.isInteger(change.star) || change.star < 1 || change.star > 5) {
        throw new RangeError(`What-If ${change.key}: a star must be 1–5 (${change.star})`);
      }
      m.star = change.star;
      delete m.score;
    } else if ("scoreDelta" in change) {
      if (m.score === undefined) throw new Error(`What-If ${change.key}: no score to move`);
      m.score += change.scoreDelta;
      delete m.numerator;
    } else {
      if (m.numerator === undefined || !m.denominator) {
        throw new Error(`What-If ${change.key}: compliant members need a numerator and a denominator`);
      }
      const measure = catalogue.byKey.get(change.key);
      const sign = measure?.direction === "lower" ? -1 : 1;
      m.numerator = Math.min(m.denominator, Math.max(0, m.numerator + sign * change.addCompliant));
      m.score = (100 * m.numerator) / m.denominator;
    }
    byKey.set(change.key, m);
  }
  return [...byKey.values()];
}

/** Measure stars and ratings of a set of measure states. */
export function evaluate(ctx: WhatIfContext, measures: readonly MeasureState[]): WhatIfResult {
  const stars = new Map<string, Star>();
  for (const m of measures) {
    const measure = ctx.catalogue.byKey.get(m.key);
    if (!measure) throw new Error(`What-If: Star year ${ctx.catalogue.year} has no measure "${m.key}"`);
    if (m.score !== undefined) {
      const cut = ctx.cutPoints.get(m.key);
      if (!cut) throw new Error(`What-If: no cut points for "${m.key}"`);
      stars.set(m.key, starFromScore(m.score, cut, measure.precision));
    } else if (m.star !== undefined) stars.set(m.key, m.star as Star);
  }
  const ratings = rateContract(stars, ctx.profile, ctx.catalogue, ctx.rules);
  const highest = ratings.highest ? ratings[ratings.highest].stars : null;
  return { stars, ratings, highest };
}

/** Evaluates the current measures and the measures after `changes`, and compares them. */
export function whatIf(
  ctx: WhatIfContext,
  measures: readonly MeasureState[],
  changes: readonly Change[],
): WhatIfComparison {
  const before = evaluate(ctx, measures);
  const after = evaluate(ctx, applyChanges(measures, changes, ctx.catalogue));
  const keys = [...new Set([...before.stars.keys(), ...after.stars.keys()])];
  const atLeastFour = (x: number | null) => x !== null && x >= 4;
  return {
    before,
    after,
    measures: keys.map((key) => ({ key, before: before.stars.get(key), after: after.stars.get(key) })),
    crossesFourStars: !atLeastFour(before.highest) && atLeastFour(after.highest),
    losesFourStars: atLeastFour(before.highest) && !atLeastFour(after.highest),
  };
}

/**
 * Distance to the next star in members: the fewest additional compliant members (fewer events for
 * lower-is-better measures) that lift the displayed rate 100 × numerator / denominator, rounded half up at the
 * measure's precision, onto the next cut point. Null at 5 stars or when even the whole denominator is not
 * enough.
 *
 * Higher is better, next cut point T: smallest n with round(100 (num + n) / den) ≥ T, i.e.
 * n = ⌈(T − ½·10⁻ᵖ) · den / 100 − num⌉. Lower is better: smallest n with round(100 (num − n) / den) ≤ T.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * const bcs = { direction: "higher", thresholds: [58, 71, 76, 84] } as const;
 * // 740 of 1,000 = 74% (3 stars); 4 stars needs a displayed 76%, i.e. ≥ 75.5% → 755 → 15 more members.
 * assert.equal(membersToNextStar({ numerator: 740, denominator: 1000 }, bcs, 0), 15);
 * ```
 */
export function membersToNextStar(
  rate: { numerator: number; denominator: number },
  cut: CutPoints,
  precision: number,
): number | null {
  const { numerator, denominator } = rate;
  if (!(denominator > 0) || numerator < 0 || numerator > denominator) {
    throw new RangeError(`membersToNextStar: need 0 ≤ numerator ≤ denominator (${numerator}/${denominator})`);
  }
  const star = starFromScore((100 * numerator) / denominator, cut, precision);
  if (star === 5) return null;
  const target = cut.thresholds[star - 1]!;
  const half = 0.5 * 10 ** -precision;
  const higher = cut.direction === "higher";
  const reaches = (n: number) => {
    const shown = roundHalfUp((100 * (higher ? numerator + n : numerator - n)) / denominator, precision);
    return higher ? shown >= target : shown <= target;
  };
  const room = higher ? denominator - numerator : numerator;
  let n = Math.max(
    0,
    higher
      ? Math.ceil(((target - half) * denominator) / 100 - numerator)
      : Math.ceil(numerator - ((target + half) * denominator) / 100),
  );
  while (n > 0 && reaches(n - 1)) n--;
  while (n <= room && !reaches(n)) n++;
  return n <= room ? n : null;
}
