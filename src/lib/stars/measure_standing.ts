/**
 * Where each measure of a contract stands against its cut points, and which measures hold the rating down:
 * distance to the next star in score points and in members, and what reaching it does to the contract's
 * highest rating and revenue.
 */
import { type Star, starFromScore, type Thresholds } from "./measure_stars.js";
import { type PaymentInputs, type PaymentRating, revenueDelta } from "./money.js";
import { roundHalfUp } from "./rounding.js";
import {
  applyChanges,
  type Change,
  evaluate,
  type MeasureState,
  membersToNextStar,
  type WhatIfContext,
} from "./whatif.js";

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

/** A measure below 5 stars and what its next star is worth. */
export interface Stake extends MeasureStanding {
  /** Weighted stars gained per score point needed: weight / points to the next star. */
  weightedStarsPerPoint: number;
  /** The contract's highest rating before and after the measure gains its next star (half stars, or null). */
  ratingBefore: number | null;
  ratingAfter: number | null;
  /** The highest rating's unrounded value (mean + reward factor + CAI) before and after. */
  valueBefore: number | null;
  valueAfter: number | null;
  /** Revenue change per year of that rating change under the payment inputs. */
  revenuePerYear: number;
}

const paymentRating = (x: number | null): PaymentRating => x === null ? "not_rated" : x;

/**
 * The measures that can gain a star, ranked by stars at stake: weight / points to the next star (descending),
 * then by weight, then by members needed. Each with the change that reaches the next star — the members needed
 * where the measure has a denominator, else the score moved exactly onto the next cut point — applied alone.
 */
export function starsAtStake(
  ctx: WhatIfContext,
  states: readonly MeasureState[],
  payment: PaymentInputs,
): Stake[] {
  const before = evaluate(ctx, states);
  const highestValue = (r: typeof before) =>
    r.ratings.highest ? r.ratings[r.ratings.highest].value ?? null : null;
  const out: Stake[] = [];
  for (const m of measureStanding(ctx, states)) {
    if (m.pointsToNext === null || m.nextThreshold === null || m.rawScore === null) continue;
    let change: Change;
    if (m.denominator !== null) {
      if (m.membersToNext === null) continue;
      change = { key: m.key, addCompliant: m.membersToNext };
    } else change = { key: m.key, scoreDelta: m.nextThreshold - m.rawScore };
    const after = evaluate(ctx, applyChanges(states, [change], ctx.catalogue));
    out.push({
      ...m,
      weightedStarsPerPoint: m.pointsToNext > 0 ? m.weight / m.pointsToNext : Infinity,
      ratingBefore: before.highest,
      ratingAfter: after.highest,
      valueBefore: highestValue(before),
      valueAfter: highestValue(after),
      revenuePerYear:
        revenueDelta(paymentRating(before.highest), paymentRating(after.highest), payment).perYear,
    });
  }
  return out.sort((a, b) =>
    b.weightedStarsPerPoint - a.weightedStarsPerPoint || b.weight - a.weight ||
    (a.membersToNext ?? Infinity) - (b.membersToNext ?? Infinity) || a.key.localeCompare(b.key)
  );
}
