/**
 * Where an own contract stands against the half-star rounding and the 4★ quality-bonus threshold, and the money
 * the engine's revenue function puts on reaching (or keeping) 4 stars.
 */
import { type ContractFinance, contractRevenue } from "../../src/lib/stars/contract_revenue.ts";
import { roundToHalfStar } from "../../src/lib/stars/rounding.ts";

/** The rating at which a contract earns the quality bonus payment (QBP) and the 65% rebate share. */
export const BONUS_RATING = 4;

/** How far an unrounded rating value is from the next half star and from 4 stars. */
export interface HalfStarGap {
  /** The published rating of `value` (half stars). */
  rating: number;
  /** The next half star up, or null at 5 stars. */
  next: number | null;
  /** Value the rating needs for `next`, or null at 5 stars. */
  toNext: number | null;
  /** Value the rating needs for 4 stars; 0 when it is there. */
  toFour: number;
}

/**
 * The distance from an unrounded summary or overall value v to the next half star and to 4 stars. Half-star
 * rounding (TN Table 22) publishes r when v ∈ [r − 0.25, r + 0.25), so the rating r + ½ starts at r + 0.25:
 * toNext = (r + 0.25) − v with r = roundToHalfStar(v), none at 5★; toFour = max(0, 3.75 − v).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.deepEqual(halfStarGap(3.453125), { rating: 3.5, next: 4, toNext: 0.296875, toFour: 0.296875 });
 * assert.deepEqual(halfStarGap(2.71875), { rating: 2.5, next: 3, toNext: 0.03125, toFour: 1.03125 });
 * assert.deepEqual(halfStarGap(4.9), { rating: 5, next: null, toNext: null, toFour: 0 });
 * ```
 */
export function halfStarGap(value: number): HalfStarGap {
  if (!Number.isFinite(value) || value < 0 || value > 5.5) {
    throw new RangeError(`Cannot place a rating value of ${value}: expected a number from 0 to 5`);
  }
  const rating = roundToHalfStar(value);
  const next = rating >= 5 ? null : rating + 0.5;
  return {
    rating,
    next,
    toNext: next === null ? null : rating + 0.25 - value,
    toFour: Math.max(0, BONUS_RATING - 0.25 - value),
  };
}

/** The money a contract's rating puts at stake at the 4★ threshold. */
export interface BonusStake {
  /** `gain`: what reaching 4★ adds per year; `keep`: what falling to 3.5★ would take away per year. */
  kind: "gain" | "keep";
  /** Revenue per year at the current rating. */
  revenuePerYear: number;
  /** Revenue per year at 4★ (gain) or at 3.5★ (keep). */
  revenueAtThreshold: number;
  /** |revenue at the threshold rating − revenue now|, per year. */
  atStake: number;
}

/**
 * Revenue at stake at the 4★ threshold, with the engine's `contractRevenue` (QBP and rebate share mixed over
 * single- and double-bonus counties): below 4★ (or unrated), stake = revenue(4) − revenue(now); at 4★ or more,
 * stake = revenue(now) − revenue(3.5), the bonus and rebate lost by dropping below the threshold.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * // B = 1,000, bid = 900, no double-bonus county, 1,000 members. 3.5★: 900 + 0.65·100 = 965 PMPM;
 * // 4★: B★ = 1,050 → 900 + 0.65·150 = 997.5 PMPM. Stake = 32.5 × 12 × 1,000 = 390,000 a year.
 * const f = { benchmarkPmpm: 1000, bidPmpm: 900, members: 1000, doubleBonusShare: 0 };
 * assert.equal(bonusStake(3.5, f).atStake, 390_000);
 * assert.equal(bonusStake(4, f).kind, "keep");
 * assert.equal(bonusStake(4, f).atStake, 390_000);
 * ```
 */
export function bonusStake(rating: number | null, finance: ContractFinance): BonusStake {
  const now = contractRevenue(rating ?? "not_rated", finance).revenuePerYear;
  if (rating !== null && rating >= BONUS_RATING) {
    const below = contractRevenue(BONUS_RATING - 0.5, finance).revenuePerYear;
    return { kind: "keep", revenuePerYear: now, revenueAtThreshold: below, atStake: now - below };
  }
  const at = contractRevenue(BONUS_RATING, finance).revenuePerYear;
  return { kind: "gain", revenuePerYear: now, revenueAtThreshold: at, atStake: at - now };
}
