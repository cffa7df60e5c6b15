/**
 * The contract-level scenario for the measures claims cannot produce (CAHPS, HOS, call centre,
 * complaints, disenrolment, appeals, MPF, MTM, the hybrid HEDIS measures): for each own contract,
 * measure and measurement year a score drawn from CMS's 2026 national distribution of that measure
 * (the 2026 Star Ratings Measure Data file). A contract's quantile is
 *   u = Φ(0.5·q + √0.75·x_y),   x_y = ρ·x_{y−1} + √(1 − ρ²)·ε_y,  ρ = 0.8,
 * with q the contract's overall quality (shared by its measures) and ε standard normal, all from a
 * seeded generator; the score is the national distribution's u-quantile (1 − u for measures where
 * lower is better), rounded to CMS's display precision. Improvement measures (C30, D04) are derived
 * by the star engine from two years of scores, and SNP-only measures (C07–C09) do not apply.
 *
 * `deno run -A loaders/stars/measure_scenario.ts` rewrites data/synthetic/contract_measure_scenario.csv.
 */
import { normal, seededRandom } from "../../src/lib/prng.ts";
import { parseCsv } from "../../src/lib/stars/csv.ts";

/** Measures that come from the scenario, with the Part they belong to. */
export const SCENARIO_MEASURES: readonly string[] = [
  "C03",
  "C04",
  "C05",
  "C06",
  "C15",
  "C16",
  "C17",
  "C20",
  "C22",
  "C23",
  "C24",
  "C25",
  "C26",
  "C27",
  "C28",
  "C29",
  "C31",
  "C32",
  "C33",
  "D01",
  "D02",
  "D03",
  "D05",
  "D06",
  "D07",
  "D11",
];
/** Lower scores are better. */
const LOWER_BETTER = new Set(["C28", "C29", "D02", "D03"]);
/** Decimal places CMS displays (complaints per 1,000 members: 2). */
const PRECISION: Readonly<Record<string, number>> = { C28: 2, D02: 2 };

/** One scenario row. */
export interface ScenarioRow {
  contract_id: string;
  measure_id: string;
  measurement_year: number;
  star_year: number;
  score: number;
  precision: number;
}

/**
 * Numeric scores per measure ID from CMS's Measure Data CSV (title row, domain row, measure-name
 * row, date row, then one row per contract): MA contracts only (PDPs dropped), text statuses such
 * as "Not enough data available" skipped, "%" stripped.
 */
export function nationalScores(csv: string): Map<string, number[]> {
  const rows = parseCsv(csv);
  const header = rows[2];
  if (!header || !header.some((h) => /^C01:/.test(h))) {
    throw new Error('Cannot read the Measure Data CSV: row 3 does not name the measures (expected "C01: …")');
  }
  const out = new Map<string, number[]>();
  for (const row of rows.slice(4)) {
    if ((row[1] ?? "").includes("PDP")) continue;
    header.forEach((name, i) => {
      const id = /^([CD]\d\d):/.exec(name)?.[1];
      const text = (row[i] ?? "").trim().replace(/%$/, "");
      if (!id || text === "" || !/^-?\d+(\.\d+)?$/.test(text)) return;
      const list = out.get(id) ?? [];
      list.push(Number(text));
      out.set(id, list);
    });
  }
  for (const list of out.values()) list.sort((a, b) => a - b);
  return out;
}

/** The u-quantile of sorted values, linear between order statistics: x[(n−1)u]. */
export function quantile(sorted: readonly number[], u: number): number {
  if (sorted.length === 0) throw new Error("quantile of an empty list");
  const h = (sorted.length - 1) * Math.min(1, Math.max(0, u));
  const lo = Math.floor(h);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/** Standard normal CDF (Abramowitz–Stegun 7.1.26 via erf; |error| < 1.5e−7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const erf = 1 -
    t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))) *
      Math.exp(-x * x);
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

/** Scenario rows for the contracts and measurement years, seeded. */
export function scenarioRows(
  national: ReadonlyMap<string, readonly number[]>,
  options: { seed: number; contracts: readonly string[]; years: readonly number[] },
): ScenarioRow[] {
  const rho = 0.8;
  const random = seededRandom(options.seed);
  const rows: ScenarioRow[] = [];
  for (const contract_id of options.contracts) {
    const q = normal(random);
    for (const measure_id of SCENARIO_MEASURES) {
      const scores = national.get(measure_id);
      if (!scores) throw new Error(`No national scores for ${measure_id} in the Measure Data CSV`);
      let x = normal(random);
      options.years.forEach((measurement_year, i) => {
        if (i > 0) x = rho * x + Math.sqrt(1 - rho * rho) * normal(random);
        const u = normalCdf(0.5 * q + Math.sqrt(0.75) * x);
        const precision = PRECISION[measure_id] ?? 0;
        const raw = quantile(scores, LOWER_BETTER.has(measure_id) ? 1 - u : u);
        const score = Number(raw.toFixed(precision));
        rows.push({
          contract_id,
          measure_id,
          measurement_year,
          star_year: measurement_year + 2,
          score,
          precision,
        });
      });
    }
  }
  return rows;
}

/** Rows as CSV text with a header line. */
export function scenarioCsv(rows: readonly ScenarioRow[]): string {
  const lines = rows.map((r) =>
    [r.contract_id, r.measure_id, r.measurement_year, r.star_year, r.score.toFixed(r.precision), r.precision]
      .join(",")
  );
  return ["contract_id,measure_id,measurement_year,star_year,score,precision", ...lines].join("\n") + "\n";
}

/** The shipped scenario's settings: the synthetic payer's contracts and measurement years. */
export const SHIPPED_SCENARIO = {
  seed: 20261,
  contracts: ["H9901", "H9902", "H9903", "H9904"],
  years: [2024, 2025, 2026],
  measureData: new URL(
    "../../data/reference/cms-2026/2026 Star Ratings Data Table - Measure Data (Oct 8 2025).csv",
    import.meta.url,
  ),
  out: new URL("../../data/synthetic/contract_measure_scenario.csv", import.meta.url),
} as const;

if (import.meta.main) {
  const national = nationalScores(await Deno.readTextFile(SHIPPED_SCENARIO.measureData));
  const rows = scenarioRows(national, SHIPPED_SCENARIO);
  await Deno.writeTextFile(SHIPPED_SCENARIO.out, scenarioCsv(rows));
  console.error(`wrote ${rows.length} rows to ${SHIPPED_SCENARIO.out.pathname}`);
}
