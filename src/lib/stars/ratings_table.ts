import type { ContractRatings, Rating } from "./summary.js";

/** Columns of the engine's per-contract output (`deno task stars`), in order. */
export const RATINGS_COLUMNS = [
  "contract_id",
  "part_c_summary",
  "part_d_summary",
  "overall",
  "highest_rating",
  "part_c_mean",
  "part_c_variance",
  "part_c_reward_factor",
  "part_c_cai",
  "part_d_mean",
  "part_d_variance",
  "part_d_reward_factor",
  "part_d_cai",
  "overall_mean",
  "overall_variance",
  "overall_reward_factor",
  "overall_cai",
  "highest_with_improvement",
] as const;

const fixed = (x: number | undefined, digits: number) => x === undefined ? "" : x.toFixed(digits);

function cells(r: Rating): string[] {
  return [fixed(r.mean, 6), fixed(r.variance, 6), fixed(r.rewardFactor, 1), fixed(r.cai, 6)];
}

/**
 * One CSV row per contract: half-star ratings (empty where there is none), the highest rating's kind, and for
 * each rating the weighted mean, weighted variance, reward factor and CAI of the run that was kept.
 */
export function ratingsCsv(results: readonly ContractRatings[]): string {
  const lines = [RATINGS_COLUMNS.join(",")];
  for (const r of [...results].sort((a, b) => a.contractId.localeCompare(b.contractId))) {
    const star = (x: Rating) => x.stars === null ? "" : String(x.stars);
    const highest = r.highest ? r[r.highest] : undefined;
    lines.push(
      [
        r.contractId,
        star(r.part_c),
        star(r.part_d),
        star(r.overall),
        r.highest ?? "",
        ...cells(r.part_c),
        ...cells(r.part_d),
        ...cells(r.overall),
        highest?.withImprovement === undefined ? "" : highest.withImprovement ? "Y" : "N",
      ].join(","),
    );
  }
  return lines.join("\n") + "\n";
}
