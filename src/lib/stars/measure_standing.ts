/**
 * Where each measure of a contract stands against its cut points: its star, the next cut point, and the
 * distance to it in score points and in members.
 */
import { type Star, starFromScore, type Thresholds } from "./measure_stars.js";
import { roundHalfUp } from "./rounding.js";
import { type MeasureState, membersToNextStar, type WhatIfContext } from "./whatif.js";

/** One measure of a contract against its cut points. */
export interface MeasureStanding {
  key: string;
  cmsId: string;
  name: string;
  part: "C" | "D";
  weight: number;
  direction: "higher" | "lower";
  precision: number;
  /** The score as CMS displays it (rounded half up at the measure's precision), or null for a star-only measure. */
  score: number | null;
  /** The unrounded score (100 × numerator / denominator for a rate). */
  rawScore: number | null;
  star: Star | null;
  numerator: number | null;
  denominator: number | null;
  thresholds: Readonly<Thresholds> | null;
  /** The displayed score that earns the next star, or null at 5 stars or without cut points. */
  nextThreshold: number | null;
  /** Score points still needed for the next star (always ≥ 0), or null. */
  pointsToNext: number | null;
  /** More compliant members (fewer events for lower-is-better measures) for the next star, or null. */
  membersToNext: number | null;
}

/**
 * Each measure's standing. Points to the next star: higher is better, T − score; lower is better, score − T,
 * where T is the next cut point and the score is the displayed (rounded) score. Members: {@link membersToNextStar}.
 */
export function measureStanding(ctx: WhatIfContext, states: readonly MeasureState[]): MeasureStanding[] {
  const out: MeasureStanding[] = [];
  for (const m of ctx.catalogue.measures) {
    const s = states.find((x) => x.key === m.key);
    if (!s) continue;
    const cut = ctx.cutPoints.get(m.key);
    const hasScore = s.score !== undefined;
    const score = hasScore ? roundHalfUp(s.score!, m.precision) : null;
    const star: Star | null = hasScore && cut
      ? starFromScore(s.score!, cut, m.precision)
      : s.star !== undefined
      ? s.star as Star
      : null;
    const next = hasScore && cut && star !== null && star < 5 ? cut.thresholds[star - 1]! : null;
    const points = next === null || score === null
      ? null
      : roundHalfUp(m.direction === "higher" ? next - score : score - next, m.precision);
    const rate = s.numerator !== undefined && s.denominator
      ? { numerator: s.numerator, denominator: s.denominator }
      : null;
    out.push({
      key: m.key,
      cmsId: m.cmsId,
      name: m.name,
      part: m.part,
      weight: m.weight,
      direction: m.direction,
      precision: m.precision,
      score,
      rawScore: s.score ?? null,
      star,
      numerator: rate?.numerator ?? null,
      denominator: rate?.denominator ?? null,
      thresholds: cut?.thresholds ?? null,
      nextThreshold: next,
      pointsToNext: points,
      membersToNext: rate && cut && next !== null ? membersToNextStar(rate, cut, m.precision) : null,
    });
  }
  return out;
}
