/**
 * Quality bonus payments and rebates of a Medicare Advantage contract, from its highest Star Rating.
 * Rules: SSA §1853(o) and 42 CFR 422.258(d)(7) (QBP), SSA §1854(b)(1)(C) as amended by P.L. 111-152 §1102
 * (rebate share), SSA §1853(n)(4) (benchmark cap). All amounts are per member per month (PMPM) unless named
 * per year.
 */

/** A contract's rating for payment: half stars, or why it has none. */
export type PaymentRating = number | "new_plan" | "low_enrollment" | "not_rated";

/** The money inputs an analyst edits; every one is visible in the result. */
export interface PaymentInputs {
  /** Risk-adjusted county benchmark without any quality bonus, PMPM. */
  benchmarkPmpm: number;
  /** The plan's bid for Part A/B benefits, PMPM. */
  bidPmpm: number;
  /** Average enrolled members over the year. */
  members: number;
  /** The county qualifies for the double bonus (SSA §1853(o)(3)(B)). */
  doubleBonusCounty?: boolean;
  /** County FFS rate the bonus percentage applies to; when absent the bonus applies to the benchmark. */
  ffsRatePmpm?: number;
  /** Pre-ACA applicable amount: the benchmark with bonus cannot exceed it (SSA §1853(n)(4)). */
  benchmarkCapPmpm?: number;
}

/** What a rating pays under {@link PaymentInputs}. */
export interface Payment {
  bonusPct: number;
  benchmarkWithBonusPmpm: number;
  rebateShare: number;
  rebatePmpm: number;
  /** CMS payment for A/B benefits: min(bid, benchmark with bonus) + rebate. */
  revenuePmpm: number;
  revenuePerYear: number;
}

function checkInputs(i: PaymentInputs): void {
  for (const [name, v] of Object.entries(i)) {
    if (typeof v === "number" && !(Number.isFinite(v) && v >= 0)) {
      throw new RangeError(`Payment input "${name}" must be a number ≥ 0 (${v})`);
    }
  }
}

/**
 * Quality bonus as a share of the benchmark base: rating ≥ 4 → 5 points, 10 in a double-bonus county; new
 * plans and contracts too small to be rated → 3.5 points (not doubled here); below 4 stars or not rated
 * (including failure to report, counted as below 3.5) → 0.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(qualityBonusPct(4, false), 0.05);
 * assert.equal(qualityBonusPct(4.5, true), 0.1);
 * assert.equal(qualityBonusPct(3.5, true), 0);
 * assert.equal(qualityBonusPct("new_plan", false), 0.035);
 * ```
 */
export function qualityBonusPct(rating: PaymentRating, doubleBonusCounty: boolean): number {
  if (rating === "new_plan" || rating === "low_enrollment") return 0.035;
  if (rating === "not_rated") return 0;
  return rating >= 4 ? (doubleBonusCounty ? 0.1 : 0.05) : 0;
}

/**
 * Share of (benchmark − bid) returned as rebate: ≥ 4.5 stars → 70%; 3.5 to 4 → 65%; below 3.5 or not rated →
 * 50%; new plans and low-enrolment contracts are treated as 3.5 stars → 65%.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.deepEqual([5, 4.5, 4, 3.5, 3, "new_plan", "not_rated"].map((r) => rebateShare(r as number)), [
 *   0.7, 0.7, 0.65, 0.65, 0.5, 0.65, 0.5,
 * ]);
 * ```
 */
export function rebateShare(rating: PaymentRating): number {
  if (rating === "new_plan" || rating === "low_enrollment") return 0.65;
  if (rating === "not_rated") return 0.5;
  return rating >= 4.5 ? 0.7 : rating >= 3.5 ? 0.65 : 0.5;
}

/**
 * Payment under a rating: bonus = pct × (FFS rate, or the benchmark when no FFS rate is given);
 * B★ = min(cap, B + bonus); rebate = share × max(0, B★ − bid); revenue = min(bid, B★) + rebate PMPM, and
 * × 12 × members per year. A bid above B★ earns no rebate; the member pays the excess as premium.
 */
export function payment(rating: PaymentRating, inputs: PaymentInputs): Payment {
  checkInputs(inputs);
  const bonusPct = qualityBonusPct(rating, inputs.doubleBonusCounty ?? false);
  const base = inputs.ffsRatePmpm ?? inputs.benchmarkPmpm;
  const uncapped = inputs.benchmarkPmpm + bonusPct * base;
  const benchmarkWithBonusPmpm = Math.min(inputs.benchmarkCapPmpm ?? Infinity, uncapped);
  const share = rebateShare(rating);
  const rebatePmpm = share * Math.max(0, benchmarkWithBonusPmpm - inputs.bidPmpm);
  const revenuePmpm = Math.min(inputs.bidPmpm, benchmarkWithBonusPmpm) + rebatePmpm;
  return {
    bonusPct,
    benchmarkWithBonusPmpm,
    rebateShare: share,
    rebatePmpm,
    revenuePmpm,
    revenuePerYear: revenuePmpm * 12 * inputs.members,
  };
}

/**
 * Revenue change of a rating change: Δ PMPM = revenue(to) − revenue(from); Δ per year = Δ PMPM × 12 × members.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * // B = 1,000, bid = 900, 10,000 members. 3.5★: 900 + 0.65·100 = 965. 4★: B★ = 1,050 → 900 + 0.65·150 = 997.5.
 * const d = revenueDelta(3.5, 4, { benchmarkPmpm: 1000, bidPmpm: 900, members: 10000 });
 * assert.equal(d.perMemberMonth, 32.5);
 * assert.equal(d.perYear, 3_900_000);
 * ```
 */
export function revenueDelta(
  from: PaymentRating,
  to: PaymentRating,
  inputs: PaymentInputs,
): { perMemberMonth: number; perYear: number; from: Payment; to: Payment } {
  const a = payment(from, inputs);
  const b = payment(to, inputs);
  const perMemberMonth = b.revenuePmpm - a.revenuePmpm;
  return { perMemberMonth, perYear: perMemberMonth * 12 * inputs.members, from: a, to: b };
}
