import { payment, type PaymentRating } from "./money.js";

/** A contract's money assumptions (per contract row of `data/synthetic/contract_finance.csv`). */
export interface ContractFinance {
  /** Risk-adjusted benchmark without quality bonus, PMPM. */
  benchmarkPmpm: number;
  /** Bid for Part A/B benefits, PMPM. */
  bidPmpm: number;
  /** Average enrolled members over the year. */
  members: number;
  /** Share of members (0–1) living in double-bonus counties (SSA §1853(o)(3)(B)). */
  doubleBonusShare: number;
}

/** What a rating pays a contract whose members live partly in double-bonus counties. */
export interface ContractRevenue {
  /** Member-weighted quality bonus as a share of the benchmark. */
  bonusPct: number;
  rebateShare: number;
  revenuePmpm: number;
  revenuePerYear: number;
}

/**
 * Revenue under a rating, mixing single- and double-bonus counties by member share s:
 * revenue = (1 − s) · payment(rating, single bonus) + s · payment(rating, double bonus), per member per month and
 * × 12 × members per year (payment rules in {@link payment}).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * // B = 1,000, bid = 900, a quarter of members in double-bonus counties. 4★: single 900 + 0.65·150 = 997.5,
 * // double 900 + 0.65·200 = 1,030 → 0.75·997.5 + 0.25·1,030 = 1,005.625 PMPM.
 * const r = contractRevenue(4, { benchmarkPmpm: 1000, bidPmpm: 900, members: 1000, doubleBonusShare: 0.25 });
 * assert.equal(r.revenuePmpm, 1005.625);
 * assert.equal(r.revenuePerYear, 12_067_500);
 * ```
 */
export function contractRevenue(rating: PaymentRating, finance: ContractFinance): ContractRevenue {
  const s = finance.doubleBonusShare;
  if (!(s >= 0 && s <= 1)) throw new RangeError(`Double-bonus county share must be 0–1 (${s})`);
  const inputs = { benchmarkPmpm: finance.benchmarkPmpm, bidPmpm: finance.bidPmpm, members: finance.members };
  const single = payment(rating, { ...inputs, doubleBonusCounty: false });
  const double = payment(rating, { ...inputs, doubleBonusCounty: true });
  const mix = (a: number, b: number) => (1 - s) * a + s * b;
  return {
    bonusPct: mix(single.bonusPct, double.bonusPct),
    rebateShare: single.rebateShare,
    revenuePmpm: mix(single.revenuePmpm, double.revenuePmpm),
    revenuePerYear: mix(single.revenuePerYear, double.revenuePerYear),
  };
}

/** A rating for payment from a computed rating that may be missing (no rating → not rated). */
export function paymentRating(stars: number | null): PaymentRating {
  return stars === null ? "not_rated" : stars;
}
