/** The three published rating levels above measure stars. */
export type RatingKind = "part_c" | "part_d" | "overall";
/** Contract types with their own minimum-measure rules (TN Tables 6 and 7). */
export type ContractKind = "ccp" | "cost" | "msa" | "pffs" | "pdp";
/** Keys of the minimum-measure table: contract kinds, plus CCPs with SNPs and CCPs with only I-SNPs. */
export type MinimumKey = ContractKind | "ccp_snp" | "ccp_isnp";
/** Reward-factor thresholds of one rating: 65th/85th percentile of the mean, 30th/70th of the variance. */
export interface RewardThresholds {
  mean65: number;
  mean85: number;
  variance30: number;
  variance70: number;
}

/** Everything year-specific that turns measure stars into summary and overall ratings. */
export interface YearRules {
  year: number;
  /** Keyed `rating|scope|improvement|newMeasures`, e.g. `overall|ma_pd|with|with` (TN Tables 8 and 9). */
  reward: Readonly<Record<string, RewardThresholds>>;
  /** CAI value of final adjustment category n at index n − 1 (TN Tables 12, 15, 18 and 21). */
  cai: Readonly<Record<"part_c" | "part_d_ma_pd" | "part_d_pdp" | "overall", readonly number[]>>;
  /** Minimum rated measures (improvement measures not counted); absent = the rating does not exist. */
  minimums: Readonly<Record<RatingKind, Partial<Record<MinimumKey, number>>>>;
  /** Measures weighted 0 for contracts that serve only Puerto Rico (TN Attachment G). */
  puertoRicoZeroWeight: readonly string[];
  /** Share of enrolment in FEMA Individual Assistance areas from which disaster rules apply, in %. */
  disasterThresholdPct: number;
}

/** The reward-factor threshold key for {@link YearRules.reward}. */
export function rewardKey(
  rating: RatingKind,
  scope: "ma_pd" | "pdp",
  improvement: boolean,
  newMeasures: boolean,
): string {
  return `${rating}|${rating === "part_d" ? scope : "ma_pd"}|${improvement ? "with" : "without"}|${
    newMeasures ? "with" : "without"
  }`;
}

const t = (mean65: number, mean85: number, variance30: number, variance70: number): RewardThresholds => ({
  mean65,
  mean85,
  variance30,
  variance70,
});

/**
 * The 2026 Star Ratings (Medicare 2026 Part C & D Star Ratings Technical Notes, 25 Sep 2025):
 * Tables 8/9 (reward factor), 12/15/18/21 (CAI), 6/7 (minimum measures), Attachment G (Puerto Rico weights),
 * "Data Handling of Measures for Contracts Affected by a Major Disaster" (25% threshold).
 */
export const RULES_2026: YearRules = {
  year: 2026,
  reward: {
    "part_c|ma_pd|with|with": t(3.695652, 4.0, 0.918435, 1.28517),
    "part_c|ma_pd|with|without": t(3.708333, 4.019608, 0.909844, 1.281071),
    "part_c|ma_pd|without|with": t(3.717391, 4.020408, 0.914326, 1.328432),
    "part_c|ma_pd|without|without": t(3.736842, 4.02381, 0.908942, 1.310167),
    "part_d|ma_pd|with|with": t(3.740741, 4.0, 0.754209, 1.268986),
    "part_d|ma_pd|with|without": t(3.740741, 4.0, 0.754209, 1.268986),
    "part_d|ma_pd|without|with": t(3.769231, 4.136364, 0.736111, 1.318182),
    "part_d|ma_pd|without|without": t(3.769231, 4.136364, 0.736111, 1.318182),
    "part_d|pdp|with|with": t(3.385522, 3.9133, 0.869005, 1.747939),
    "part_d|pdp|with|without": t(3.385522, 3.9133, 0.869005, 1.747939),
    "part_d|pdp|without|with": t(3.318182, 4.117647, 0.74918, 1.814773),
    "part_d|pdp|without|without": t(3.318182, 4.117647, 0.74918, 1.814773),
    "overall|ma_pd|with|with": t(3.649351, 3.932432, 0.91485, 1.263462),
    "overall|ma_pd|with|without": t(3.656716, 3.943662, 0.905154, 1.272639),
    "overall|ma_pd|without|with": t(3.686567, 3.953125, 0.908919, 1.26961),
    "overall|ma_pd|without|without": t(3.7, 3.966667, 0.915156, 1.289063),
  },
  cai: {
    overall: [-0.063262, -0.040422, -0.017803, 0.003256, 0.01879, 0.045683, 0.058145, 0.101257, 0.145515],
    part_c: [-0.058259, -0.036927, -0.013699, 0.004022, 0.032302, 0.059788, 0.080451, 0.10237],
    part_d_ma_pd: [-0.033144, -0.014987, -0.002688, 0.046282, 0.072332, 0.128476],
    part_d_pdp: [-0.227881, -0.082454, 0.025549],
  },
  minimums: {
    part_c: { cost: 13, ccp: 15, ccp_snp: 16, ccp_isnp: 9, msa: 14, pffs: 15 },
    part_d: { cost: 5, ccp: 6, ccp_snp: 6, ccp_isnp: 5, pdp: 6, pffs: 6 },
    overall: { cost: 17, ccp: 19, ccp_snp: 21, ccp_isnp: 13, pffs: 19 },
  },
  puertoRicoZeroWeight: ["pdc_diabetes", "pdc_ras", "pdc_statins"],
  disasterThresholdPct: 25,
};

/** The rules of a Star year, or a specific error naming the years Lodestar has. */
export function rulesFor(year: number): YearRules {
  if (year === 2026) return RULES_2026;
  throw new Error(`No summary-rating rules for Star year ${year} (available: 2026)`);
}
