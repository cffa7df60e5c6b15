import type { Catalogue, Measure } from "./catalogue.js";
import { roundHalfUp, roundToHalfStar } from "./rounding.js";
import {
  type ContractKind,
  type MinimumKey,
  type RatingKind,
  rewardKey,
  type RewardThresholds,
  type YearRules,
} from "./rules.js";

/** What the summary rules need to know about a contract besides its measure stars. */
export interface ContractProfile {
  contractId: string;
  kind: ContractKind;
  /** Offers Part D: every PDP, and MA contracts with drug coverage (MA-PD). */
  offersPartD: boolean;
  /** Offers a special needs plan (the "with SNP" minimums apply). */
  snp: boolean;
  /** Offers only institutional SNPs (TN Tables 6 and 7 "CCP with only I-SNP"); not shown in CMS's data tables. */
  isnpOnly?: boolean;
  puertoRicoOnly: boolean;
  /** Final adjustment categories from CMS's CAI file; null where CMS shows N/A. */
  fac: { part_c: number | null; part_d: number | null; overall: number | null };
  /** Share of enrolment in FEMA Individual Assistance areas in the measurement year, in %. */
  disasterPct?: number | null;
}

/** One computed rating with the numbers behind it. */
export interface Rating {
  /** Published half stars, or null when the contract gets no rating of this kind. */
  stars: number | null;
  /** Why there is no rating: `not_applicable` (contract type) or `not_enough_data`. */
  missing?: "not_applicable" | "not_enough_data";
  /** Final value before half-star rounding: mean + reward factor + CAI. */
  value?: number;
  mean?: number;
  variance?: number;
  rewardFactor?: number;
  cai?: number;
  /** Rated measures counted toward the minimum (improvement measures excluded). */
  measureCount?: number;
  /** Whether the improvement measure(s) and the new measures are in the rating that was kept. */
  withImprovement?: boolean;
  withNewMeasures?: boolean;
}

/** Part C, Part D and overall ratings of one contract, and which of them is its highest rating. */
export interface ContractRatings {
  contractId: string;
  part_c: Rating;
  part_d: Rating;
  overall: Rating;
  highest: RatingKind | null;
}

/** A measure star with its weight. */
export interface WeightedStar {
  star: number;
  weight: number;
}

/**
 * Weighted mean of measure stars (TN Attachment H): x̄ = Σ wᵢ·xᵢ / Σ wᵢ.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.deepEqual(weightedMean([{ star: 5, weight: 3 }, { star: 3, weight: 1 }]), 4.5);
 * ```
 */
export function weightedMean(items: readonly WeightedStar[]): number {
  let sw = 0;
  let swx = 0;
  for (const { star, weight } of items) {
    sw += weight;
    swx += weight * star;
  }
  if (sw === 0) throw new RangeError("Cannot take a weighted mean without weight");
  return swx / sw;
}

/**
 * Weighted variance of measure stars (TN Attachment H): s² = n · Σ wᵢ(xᵢ − x̄)² / ((n − 1) · Σ wᵢ), where n is the
 * number of measures; 0 for a single measure.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * // n = 2, x̄ = 4.5, Σw(x−x̄)² = 3·0.25 + 1·2.25 = 3 → 2·3 / (1·4) = 1.5
 * assert.deepEqual(weightedVariance([{ star: 5, weight: 3 }, { star: 3, weight: 1 }], 4.5), 1.5);
 * ```
 */
export function weightedVariance(items: readonly WeightedStar[], mean: number): number {
  const n = items.length;
  if (n < 2) return 0;
  let sw = 0;
  let sumwx = 0;
  for (const { star, weight } of items) {
    sw += weight;
    sumwx += weight * (star - mean) ** 2;
  }
  return (n * sumwx) / (sw * (n - 1));
}

/**
 * Reward factor (TN "Applying the Reward Factor"), from the mean and variance compared at six decimals with
 * the year's thresholds: high mean (≥ 85th pct) and low variance (< 30th) → 0.4; high mean, medium variance
 * (< 70th) → 0.3; relatively high mean (≥ 65th) and low variance → 0.2; relatively high mean, medium variance
 * → 0.1; otherwise 0.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * const t = { mean65: 3.649351, mean85: 3.932432, variance30: 0.91485, variance70: 1.263462 };
 * assert.deepEqual(rewardFactor(3.932432, 0.914849, t), 0.4);
 * assert.deepEqual(rewardFactor(3.932431, 0.91485, t), 0.1);
 * ```
 */
export function rewardFactor(mean: number, variance: number, t: RewardThresholds): number {
  const m = roundHalfUp(mean, 6);
  const v = roundHalfUp(variance, 6);
  const lowVariance = v < t.variance30;
  const mediumVariance = !lowVariance && v < t.variance70;
  if (m >= t.mean85) return lowVariance ? 0.4 : mediumVariance ? 0.3 : 0;
  if (m >= t.mean65) return lowVariance ? 0.2 : mediumVariance ? 0.1 : 0;
  return 0;
}

/** The contract's highest rating (TN Table 3): overall for MA-PD, Part C for MA-only, Part D for PDPs. */
export function highestRating(profile: ContractProfile): RatingKind {
  if (profile.kind === "pdp") return "part_d";
  return profile.offersPartD ? "overall" : "part_c";
}

function applies(kind: RatingKind, p: ContractProfile): boolean {
  if (kind === "part_c") return p.kind !== "pdp";
  if (kind === "part_d") return p.offersPartD;
  return p.offersPartD && p.kind !== "pdp";
}

function inRating(kind: RatingKind, m: Measure): boolean {
  return kind === "overall" ? m.inOverall : m.part === (kind === "part_c" ? "C" : "D");
}

function caiValue(kind: RatingKind, p: ContractProfile, rules: YearRules): number {
  const fac = p.fac[kind];
  if (fac === null) return 0;
  const table = kind === "part_d"
    ? (p.kind === "pdp" ? rules.cai.part_d_pdp : rules.cai.part_d_ma_pd)
    : rules.cai[kind];
  const value = table[fac - 1];
  if (value === undefined) {
    throw new Error(
      `Contract ${p.contractId}: ${kind} final adjustment category ${fac} is not in 1–${table.length}`,
    );
  }
  return value;
}

/**
 * One run of a rating (TN "Completing the Summary and Overall Rating Calculations"): the contract's rated
 * measures of that kind, with or without the improvement measures and the new measures, → weighted mean,
 * weighted variance, reward factor, CAI; no rating below the minimum number of rated measures.
 */
export function ratingRun(
  kind: RatingKind,
  stars: ReadonlyMap<string, number>,
  profile: ContractProfile,
  catalogue: Catalogue,
  rules: YearRules,
  options: { improvement: boolean; newMeasures: boolean },
): Rating {
  if (!applies(kind, profile)) return { stars: null, missing: "not_applicable" };
  const minimumKey: MinimumKey = profile.kind !== "ccp"
    ? profile.kind
    : profile.isnpOnly
    ? "ccp_isnp"
    : profile.snp
    ? "ccp_snp"
    : "ccp";
  const minimum = rules.minimums[kind][minimumKey];
  if (minimum === undefined) return { stars: null, missing: "not_applicable" };
  const items: WeightedStar[] = [];
  let counted = 0;
  for (const m of catalogue.measures) {
    if (!inRating(kind, m)) continue;
    if (m.category === "improvement" && !options.improvement) continue;
    if (m.newMeasure && !options.newMeasures) continue;
    const star = stars.get(m.key);
    if (star === undefined) continue;
    if (m.category !== "improvement") counted++;
    const weight = profile.puertoRicoOnly && rules.puertoRicoZeroWeight.includes(m.key) ? 0 : m.weight;
    if (weight > 0) items.push({ star, weight });
  }
  if (counted < minimum || items.length === 0) {
    return { stars: null, missing: "not_enough_data", measureCount: counted };
  }
  const mean = weightedMean(items);
  const variance = weightedVariance(items, mean);
  const scope = profile.kind === "pdp" ? "pdp" : "ma_pd";
  const thresholds = rules.reward[rewardKey(kind, scope, options.improvement, options.newMeasures)];
  if (!thresholds) throw new Error(`No reward-factor thresholds for ${kind} in Star year ${rules.year}`);
  const rf = rewardFactor(mean, variance, thresholds);
  const cai = caiValue(kind, profile, rules);
  const value = mean + rf + cai;
  return {
    stars: roundToHalfStar(value),
    value,
    mean,
    variance,
    rewardFactor: rf,
    cai,
    measureCount: counted,
    withImprovement: options.improvement,
    withNewMeasures: options.newMeasures,
  };
}

function better(a: Rating, b: Rating): Rating {
  if (b.value === undefined) return a;
  if (a.value === undefined) return b;
  return b.value > a.value ? b : a;
}

/**
 * Part C, Part D and overall ratings of a contract from its measure stars (keyed by stable measure key):
 * 1. each rating with the improvement measures; for the highest rating also without them, and the "without"
 *    result is kept when it rounds to 4 stars or more and is higher (TN "Applying the Improvement Measure(s)");
 * 2. contracts with ≥ 25% of enrolment in disaster areas that have a new-measure star get the better of the
 *    ratings with and without the new measures, the latter with the "without new measures" thresholds
 *    (TN "Data Handling of Measures for Contracts Affected by a Major Disaster");
 * 3. an overall rating needs both summary ratings (TN "Methodology for Calculating the Overall MA-PD Rating").
 */
export function rateContract(
  stars: ReadonlyMap<string, number>,
  profile: ContractProfile,
  catalogue: Catalogue,
  rules: YearRules,
): ContractRatings {
  const highest = highestRating(profile);
  const hasNewMeasureStar = catalogue.measures.some((m) => m.newMeasure && stars.has(m.key));
  const disaster = (profile.disasterPct ?? 0) >= rules.disasterThresholdPct && hasNewMeasureStar;
  const rate = (kind: RatingKind): Rating => {
    let best: Rating | undefined;
    for (const newMeasures of disaster ? [true, false] : [true]) {
      const withImp = ratingRun(kind, stars, profile, catalogue, rules, { improvement: true, newMeasures });
      let chosen = withImp;
      if (kind === highest && withImp.value !== undefined) {
        const without = ratingRun(kind, stars, profile, catalogue, rules, {
          improvement: false,
          newMeasures,
        });
        if (without.stars !== null && without.stars >= 4) chosen = better(withImp, without);
      }
      best = best === undefined ? chosen : better(best, chosen);
    }
    return best!;
  };
  const part_c = rate("part_c");
  const part_d = rate("part_d");
  let overall = rate("overall");
  if (overall.stars !== null && (part_c.stars === null || part_d.stars === null)) {
    overall = { stars: null, missing: "not_enough_data", measureCount: overall.measureCount };
  }
  const contractHighest = highest === "overall" && !applies("overall", profile) ? null : highest;
  return { contractId: profile.contractId, part_c, part_d, overall, highest: contractHighest };
}
