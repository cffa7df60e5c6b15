import { type ContractFinance, contractRevenue, paymentRating } from "./contract_revenue.js";
import {
  type Change,
  evaluate,
  type MeasureState,
  membersToNextStar,
  whatIf,
  type WhatIfContext,
} from "./whatif.js";

/** One measure a contract could lift by a star, with what that star is worth. */
export interface WeakMeasure {
  key: string;
  cmsId: string;
  weight: number;
  star: number;
  /**
   * More compliant members (fewer events when lower is better) needed for the next star; null without a rate.
   * On a small denominator they can lift the measure past two cut points at once.
   */
  membersToNextStar: number | null;
  /** The measure's star after the gain: star + 1, or more when one member crosses two cut points. */
  starAfter: number;
  /** 100 · weight · stars gained / members needed: weighted measure stars per 100 more compliant members. */
  starsAtStakePer100: number | null;
  /** The contract's highest rating (overall for MA-PD) before and after the gain, in half stars. */
  ratingBefore: number | null;
  ratingAfter: number | null;
  /** The unrounded value behind that rating (mean + reward factor + CAI) before and after. */
  valueBefore: number | null;
  valueAfter: number | null;
  /** Revenue change per year of the rating change ({@link contractRevenue}). */
  revenueChangePerYear: number;
  crossesFourStars: boolean;
}

/**
 * Ranks a contract's measures below 5 stars by stars at stake. For each measure the gain of its next star is
 * applied with the engine — N more compliant members where the measure has a rate (N from
 * {@link membersToNextStar}), otherwise the next star set directly — and the Part C/D summaries, the overall
 * rating and the revenue are recomputed with the star rules and money functions. Order: measures with a member
 * count first, by 100 · weight · stars gained / N descending (the weighted stars a hundred more compliant
 * members buy); then by the gain in the unrounded rating value descending; then by CMS ID. Measures whose next
 * star is out of reach even with every member compliant are left out.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { catalogueFor, parseCatalogue } from "./catalogue.ts";
 * import { RULES_2026 } from "./rules.ts";
 * const csv = Deno.readTextFileSync(new URL("../../../data/reference/stars/measures.csv", import.meta.url));
 * const catalogue = catalogueFor(parseCatalogue(csv), 2026);
 * const profile = {
 *   contractId: "H0001", kind: "ccp", offersPartD: false, snp: false, puertoRicoOnly: false,
 *   fac: { part_c: null, part_d: null, overall: null },
 * } as const;
 * const cutPoints = new Map([["bcs", { direction: "higher", thresholds: [58, 71, 76, 84] }]] as const);
 * const ranked = weakMeasures(
 *   { catalogue, rules: RULES_2026, cutPoints, profile },
 *   [{ key: "bcs", score: 74, numerator: 740, denominator: 1000 }],
 *   { benchmarkPmpm: 1000, bidPmpm: 900, members: 1000, doubleBonusShare: 0 },
 * );
 * assert.equal(ranked[0]!.membersToNextStar, 15); // 755 of 1,000 shows as 76%
 * ```
 */
export function weakMeasures(
  ctx: WhatIfContext,
  measures: readonly MeasureState[],
  finance: ContractFinance,
): WeakMeasure[] {
  const before = evaluate(ctx, measures);
  const highest = before.ratings.highest;
  const revenueBefore = contractRevenue(paymentRating(before.highest), finance).revenuePerYear;
  const out: WeakMeasure[] = [];
  for (const m of measures) {
    const measure = ctx.catalogue.byKey.get(m.key)!;
    const star = before.stars.get(m.key);
    if (star === undefined || star === 5) continue;
    const cut = ctx.cutPoints.get(m.key);
    let change: Change;
    let members: number | null = null;
    if (m.numerator !== undefined && m.denominator && cut && m.score !== undefined) {
      members = membersToNextStar(
        { numerator: m.numerator, denominator: m.denominator },
        cut,
        measure.precision,
      );
      if (members === null) continue;
      change = { key: m.key, addCompliant: members };
    } else change = { key: m.key, star: star + 1 };
    const cmp = whatIf(ctx, measures, [change]);
    const gained = cmp.after.stars.get(m.key);
    if ("addCompliant" in change && (gained === undefined || gained <= star)) {
      // membersToNextStar and starFromScore share the rounding rule; a mismatch is a defect, not data.
      throw new Error(`weakMeasures ${m.key}: ${members} members left the measure at ${gained} stars`);
    }
    const valueOf = (r: typeof before) => (highest ? r.ratings[highest].value ?? null : null);
    out.push({
      key: m.key,
      cmsId: measure.cmsId,
      weight: measure.weight,
      star,
      membersToNextStar: members,
      starAfter: gained!,
      starsAtStakePer100: members === null
        ? null
        : (100 * measure.weight * (gained! - star)) / Math.max(1, members),
      ratingBefore: before.highest,
      ratingAfter: cmp.after.highest,
      valueBefore: valueOf(before),
      valueAfter: valueOf(cmp.after),
      revenueChangePerYear: contractRevenue(paymentRating(cmp.after.highest), finance).revenuePerYear -
        revenueBefore,
      crossesFourStars: cmp.crossesFourStars,
    });
  }
  const gain = (w: WeakMeasure) => (w.valueAfter ?? 0) - (w.valueBefore ?? 0);
  return out.sort((a, b) =>
    (a.membersToNextStar === null ? 1 : 0) - (b.membersToNextStar === null ? 1 : 0) ||
    (b.starsAtStakePer100 ?? 0) - (a.starsAtStakePer100 ?? 0) ||
    gain(b) - gain(a) ||
    a.cmsId.localeCompare(b.cmsId)
  );
}
