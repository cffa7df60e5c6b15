/**
 * How close Lodestar's cut-point computation gets to CMS's published 2026 thresholds: runs the
 * mean-resampling pipeline on every contract score in CMS's 2026 Measure Data, applies guardrails
 * against the 2025 published cut points, and sets both next to what CMS published.
 */
import {
  CMS_GROUP_SEED,
  type Direction,
  meanResampledCutPoints,
  type Thresholds,
} from "../../src/lib/stars/cut_points_cluster.ts";
import {
  applyGuardrails,
  guardrailApplies,
  guardrailCap,
} from "../../src/lib/stars/cut_points_guardrails.ts";
import { CUT_POINT_MEASURES_2026 } from "./_cut_point_measures.ts";
import { type Pool, type PublishedCutPoints, readCutPoints, readMeasureData } from "./_read_scores.ts";

/** Where the inputs are. */
export interface ValidationInputs {
  /** folder with CMS's 2026 Data Table CSVs as downloaded */
  cmsDir: string;
  /** folder with the transcribed reference tables (cut_points_2025.csv, mean_resampled_2026.csv, tukey_fences_2026.csv) */
  starsDir: string;
}

/** Why a measure's final thresholds are, or are not, guardrailed. */
export type GuardrailStatus = "applied" | "new measure" | "no 2025 cut points";

/** One measure and pool: computed next to published. */
export interface ValidationRow {
  measureId: string;
  pool: Pool;
  direction: Direction;
  precision: number;
  /** contracts with a numeric score in the public Measure Data file */
  n: number;
  /** scores left after the Tukey outer fence */
  nTrimmed: number;
  fence: [number, number];
  cmsFence: [number, number] | null;
  /** mean-resampled thresholds computed here */
  meanResampled: Thresholds;
  /** CMS's mean-resampled thresholds (Technical Notes 2026 Tables K-3/K-4) */
  cmsMeanResampled: Thresholds | null;
  /** mean-resampled thresholds computed here from the public scores inside CMS's published fences */
  meanResampledCmsFence: Thresholds | null;
  guardrail: GuardrailStatus;
  /** final thresholds computed here; null where guardrails apply but 2025 cut points are missing */
  final: Thresholds | null;
  /** CMS's published 2026 thresholds (Data Table Cut Points) */
  cmsFinal: Thresholds;
}

const CMS_FILES = {
  measureData: "2026 Star Ratings Data Table - Measure Data (Oct 8 2025).csv",
  partC: "2026 Star Ratings Data Table - Part C Cut Points (Oct 8 2025).csv",
  partD: "2026 Star Ratings Data Table - Part D Cut Points (Oct 8 2025).csv",
};

/** Reads a small reference CSV (no quoting) keyed by "measure_id/pool". */
function readKeyed(path: string): Map<string, Record<string, string>> {
  const [header, ...lines] = Deno.readTextFileSync(path).trim().split(/\r?\n/);
  const names = header!.split(",");
  const out = new Map<string, Record<string, string>>();
  lines.forEach((line, i) => {
    const cells = line.split(",");
    if (cells.length !== names.length) {
      throw new Error(
        `Cannot read ${path} row ${i + 2}: expected ${names.length} columns, got ${cells.length}`,
      );
    }
    const row = Object.fromEntries(names.map((n, c) => [n, cells[c]!]));
    out.set(`${row.measure_id}/${row.pool}`, row);
  });
  return out;
}

function thresholdsOf(row: Record<string, string>, where: string): Thresholds {
  return ["t2", "t3", "t4", "t5"].map((k) => {
    const v = Number(row[k]);
    if (row[k] === "" || !Number.isFinite(v)) {
      throw new Error(`Cannot read ${where}: ${k} is not a number (${row[k]})`);
    }
    return v;
  }) as Thresholds;
}

/**
 * Computes every 2026 non-CAHPS measure's cut points (both Part D pools) with `seed` and sets
 * them beside CMS's published values; `cmsFenceRun: false` skips the second computation inside
 * CMS's fences.
 */
export function validateCutPoints2026(
  inputs: ValidationInputs,
  options: { seed?: number; cmsFenceRun?: boolean } = {},
): ValidationRow[] {
  const { seed = CMS_GROUP_SEED, cmsFenceRun = true } = options;
  const { cmsDir, starsDir } = inputs;
  const scores = readMeasureData(
    Deno.readTextFileSync(`${cmsDir}/${CMS_FILES.measureData}`),
    CMS_FILES.measureData,
  );
  const published = new Map<string, PublishedCutPoints>(
    [CMS_FILES.partC, CMS_FILES.partD].flatMap((f) =>
      readCutPoints(Deno.readTextFileSync(`${cmsDir}/${f}`), f).map((c) =>
        [`${c.measureId}/${c.pool}`, c] as const
      )
    ),
  );
  const prior = readKeyed(`${starsDir}/cut_points_2025.csv`);
  const cmsMr = readKeyed(`${starsDir}/mean_resampled_2026.csv`);
  const cmsFences = readKeyed(`${starsDir}/tukey_fences_2026.csv`);
  const rows: ValidationRow[] = [];
  for (const m of CUT_POINT_MEASURES_2026) {
    for (const pool of m.pools) {
      const key = `${m.measureId}/${pool}`;
      const cms = published.get(key);
      if (!cms) throw new Error(`No published 2026 cut points for ${key}`);
      if (cms.direction !== m.direction) throw new Error(`${key}: published direction ${cms.direction}`);
      const x = scores.filter((s) => s.measureId === m.measureId && s.pool === pool).map((s) => s.score);
      const range = m.scale === "percent" ? { min: 0, max: 100 } : { min: 0, max: Infinity };
      const r = meanResampledCutPoints(x, { direction: m.direction, precision: m.precision, range, seed });
      const p = prior.get(key);
      let guardrail: GuardrailStatus = "applied";
      let final: Thresholds | null = r.thresholds;
      if (!guardrailApplies({ yearsInProgram: 2026 - m.firstYear + 1 })) guardrail = "new measure";
      else if (!p) {
        guardrail = "no 2025 cut points";
        final = null;
      } else {
        // The 2025 restricted range is not published; the cap is the one CMS's 2026 finals imply.
        const cap = m.scale === "percent"
          ? guardrailCap({ kind: "percent" })
          : Number(p.restricted_range_cap);
        final = applyGuardrails(
          r.thresholds,
          thresholdsOf(p, `cut_points_2025.csv ${key}`),
          cap,
          m.precision,
        );
      }
      const f = cmsFences.get(key), mr = cmsMr.get(key);
      const cmsFence = f ? { lower: Number(f.lower), upper: Number(f.upper) } : null;
      const inCmsFence = cmsFence && cmsFenceRun
        ? meanResampledCutPoints(x, {
          direction: m.direction,
          precision: m.precision,
          range,
          seed,
          fence: cmsFence,
        })
          .thresholds
        : null;
      rows.push({
        measureId: m.measureId,
        pool,
        direction: m.direction,
        precision: m.precision,
        n: r.n,
        nTrimmed: r.n - r.fence.removed,
        fence: [r.fence.lower, r.fence.upper],
        cmsFence: cmsFence ? [cmsFence.lower, cmsFence.upper] : null,
        meanResampled: r.thresholds,
        cmsMeanResampled: mr ? thresholdsOf(mr, `mean_resampled_2026.csv ${key}`) : null,
        meanResampledCmsFence: inCmsFence,
        guardrail,
        final,
        cmsFinal: cms.thresholds,
      });
    }
  }
  return rows;
}

const fmt = (x: number, precision: number) => x.toFixed(precision);
const join = (t: Thresholds | null, precision: number) =>
  t ? t.map((x) => fmt(x, precision)).join(" / ") : "–";

/** The golden CSV: one row per measure and pool, computed values only (published ones are inputs). */
export function validationCsv(rows: readonly ValidationRow[]): string {
  const header =
    "measure_id,pool,direction,n,n_trimmed,fence_lower,fence_upper,mr_t2,mr_t3,mr_t4,mr_t5,guardrail,final_t2,final_t3,final_t4,final_t5,mr_cms_fence_t2,mr_cms_fence_t3,mr_cms_fence_t4,mr_cms_fence_t5";
  const lines = rows.map((r) =>
    [
      r.measureId,
      r.pool,
      r.direction,
      r.n,
      r.nTrimmed,
      fmt(r.fence[0], r.precision),
      Number.isFinite(r.fence[1]) ? fmt(r.fence[1], r.precision) : "",
      ...r.meanResampled.map((x) => fmt(x, r.precision)),
      r.guardrail,
      ...(r.final ? r.final.map((x) => fmt(x, r.precision)) : ["", "", "", ""]),
      ...(r.meanResampledCmsFence
        ? r.meanResampledCmsFence.map((x) => fmt(x, r.precision))
        : ["", "", "", ""]),
    ].join(",")
  );
  return [header, ...lines].join("\n") + "\n";
}

/** Largest absolute difference between two threshold sets, at display precision. */
export function maxAbsDifference(a: Thresholds, b: Thresholds, precision: number): number {
  return Number(Math.max(...a.map((x, s) => Math.abs(x - b[s]!))).toFixed(precision));
}

/** Per-level absolute differences "2 / 0 / 1 / 0". */
function diffs(a: Thresholds | null, b: Thresholds | null, precision: number): string {
  if (!a || !b) return "–";
  return a.map((x, s) => fmt(Math.abs(x - b[s]!), precision)).join(" / ");
}

/** Share of thresholds (percent-scale measures) within `tolerance` points. */
function within(pairs: [Thresholds, Thresholds][], tolerance: number): string {
  const all = pairs.flatMap(([a, b]) => a.map((x, s) => Math.abs(x - b[s]!)));
  const hit = all.filter((d) => d <= tolerance + 1e-9).length;
  return `${hit} of ${all.length} (${Math.round((100 * hit) / all.length)}%)`;
}

/** Spread of each threshold across seeds, per measure and pool: the largest max − min over the four. */
export type SeedSpread = Map<string, number>;

/** Runs the computation once per seed and records the widest spread of any threshold. */
export function seedSpread(inputs: ValidationInputs, seeds: readonly number[]): SeedSpread {
  const runs = seeds.map((seed) => validateCutPoints2026(inputs, { seed, cmsFenceRun: false }));
  const out: SeedSpread = new Map();
  runs[0]!.forEach((row, i) => {
    const spread = [0, 1, 2, 3].map((s) => {
      const values = runs.map((run) => run[i]!.meanResampled[s]!);
      return Math.max(...values) - Math.min(...values);
    });
    out.set(`${row.measureId}/${row.pool}`, Number(Math.max(...spread).toFixed(row.precision)));
  });
  return out;
}

/** The committed report, docs/cut-points-validation.md. */
export function validationMarkdown(
  rows: readonly ValidationRow[],
  spread: SeedSpread,
  seeds: readonly number[],
): string {
  const percent = rows.filter((r) => r.precision === 0);
  const mrPairs = percent.flatMap((r) =>
    r.cmsMeanResampled ? [[r.meanResampled, r.cmsMeanResampled] as [Thresholds, Thresholds]] : []
  );
  const fencePairs = percent.flatMap((r) =>
    r.cmsMeanResampled && r.meanResampledCmsFence
      ? [[r.meanResampledCmsFence, r.cmsMeanResampled] as [Thresholds, Thresholds]]
      : []
  );
  const finalPairs = percent.flatMap((r) =>
    r.final ? [[r.final, r.cmsFinal] as [Thresholds, Thresholds]] : []
  );
  const withFence = rows.filter((r) => r.cmsFence).length;
  const fenceDiffer = rows.filter((r) =>
    r.cmsFence &&
    (r.cmsFence[0] !== r.fence[0] || (Number.isFinite(r.fence[1]) && r.cmsFence[1] !== r.fence[1]))
  ).length;
  const table = rows.map((r) =>
    [
      `${r.measureId}${r.pool === "PDP" ? " PDP" : r.measureId.startsWith("D") ? " MA-PD" : ""}`,
      r.direction,
      `${r.n} → ${r.nTrimmed}`,
      `${fmt(r.fence[0], r.precision)}–${Number.isFinite(r.fence[1]) ? fmt(r.fence[1], r.precision) : "∞"}`,
      r.cmsFence ? `${r.cmsFence[0]}–${r.cmsFence[1]}` : "–",
      join(r.meanResampled, r.precision),
      join(r.cmsMeanResampled, r.precision),
      diffs(r.meanResampled, r.cmsMeanResampled, r.precision),
      join(r.meanResampledCmsFence, r.precision),
      diffs(r.meanResampledCmsFence, r.cmsMeanResampled, r.precision),
      fmt(spread.get(`${r.measureId}/${r.pool}`) ?? NaN, r.precision),
      r.guardrail,
      join(r.final, r.precision),
      join(r.cmsFinal, r.precision),
      diffs(r.final, r.cmsFinal, r.precision),
    ].join(" | ")
  ).map((line) => `| ${line} |`);
  return `# Star Ratings cut points: computed vs CMS 2026

Generated by \`deno task cut-points-report\` (\`loaders/stars/cut_points_report.ts\`); do not edit by hand.
The computed thresholds are also kept as a golden file, \`test/output/cut_points_2026.csv\`, which
\`test/loaders/stars/cut_points_validation_test.ts\` recomputes.

## What is compared

For every non-CAHPS measure of the 2026 Star Ratings (Part D separately for MA-PD and PDP contracts),
\`meanResampledCutPoints\` (\`src/lib/stars/cut_points_cluster.ts\`) runs the CMS method of the
*Medicare 2026 Part C & D Star Ratings Technical Notes* (pp. 9–10, Attachment K) on the contract
scores of CMS's public 2026 Measure Data file:

1. scores rounded half up to the display precision (whole percent; 2 decimals for complaints);
2. Tukey outer fences Q1 − 3·IQR and Q3 + 3·IQR, quartiles by SAS's default definition
   (PROC MEANS QNTLDEF=5: the mean of two order statistics when n·p is a whole number, else the next
   one), clamped to the scale (0–100, or ≥ 0);
3. a seeded random split into 10 groups of equal size (±1), seed ${CMS_GROUP_SEED} (CMS's SAS seed; the
   PRNG differs from SAS's, so the groups do too);
4. Ward clustering into 5 clusters 10 times, each leaving one group out (\`src/lib/stars/ward.ts\`,
   identical to scipy's \`linkage(…, "ward")\` + \`fcluster(…, 5, "maxclust")\` on the fixtures in
   \`test/golden/ward_scipy.json\`); cut points are the cluster minima (higher is better) or maxima
   (lower is better);
5. the mean of the 10 runs, rounded half up to the display precision (**mean-resampled**, "MR");
6. guardrails against the 2025 published cut points: ±5 points on 0–100 scales, ±5% of the prior
   year's trimmed score range on others (\`src/lib/stars/cut_points_guardrails.ts\`); none for measures
   in the program 3 years or fewer (C04, C05, C13 new in 2026; C18, C20, C21 entered in 2024).

CMS's values: MR from Technical Notes Tables K-3/K-4, fences from Tables K-5/K-6, finals from the 2026
Data Table cut-point files. Thresholds read 2★ / 3★ / 4★ / 5★: lower bounds for higher-is-better
measures, upper bounds for lower-is-better ones (C18, C28, C29, D02, D03). "Spread" is the widest
range of any computed MR threshold over seeds ${seeds.join(", ")}. "MR in CMS fence" repeats the computation
keeping exactly the public scores inside CMS's published fences, to separate the effect of the score list
from that of the clustering.

## Summary

- Mean-resampled thresholds of 0–100 measures within 0 points of CMS's: ${within(mrPairs, 0)};
  within 1 point: ${within(mrPairs, 1)}; within 2 points: ${within(mrPairs, 2)}.
- The same computation on the public scores inside CMS's published fences (instead of fences computed
  from the public file): within 0 points: ${within(fencePairs, 0)}; within 1 point: ${within(fencePairs, 1)};
  within 2 points: ${within(fencePairs, 2)}.
- Final thresholds of 0–100 measures (after guardrails) within 0 points of CMS's: ${within(finalPairs, 0)};
  within 1 point: ${within(finalPairs, 1)}; within 2 points: ${within(finalPairs, 2)}.
- The guardrail step alone is exact: CMS's own MR values with the 2025 cut points and the rules above
  give CMS's published 2026 finals for all 31 MA-PD measures that have 2025 cut points
  (\`test/lib/stars/cut_points_guardrails_test.ts\`).

## Measures

| Measure | Better | n → after fence | Fence | CMS fence | MR computed | MR CMS | \\|Δ\\| MR | MR in CMS fence | \\|Δ\\| | Spread | Guardrail | Final computed | Final CMS | \\|Δ\\| final |
| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
${table.join("\n")}

## Where the differences come from

- **Different inputs.** The public Measure Data file is not CMS's clustering input: it omits
  contracts that terminated before release and shows disaster-adjusted scores for some contracts,
  while CMS clustered the contracts' own scores. The fences show it: CMS's Tukey fences differ from
  those of the public file for ${fenceDiffer} of ${withFence} measure pools (e.g. C33: CMS lower fence 80,
  public file 88), so the score lists are not the same. Clustering the public scores inside CMS's own
  fences brings several thresholds onto CMS's (C33 exactly; C13 2★ from 46 to 34), which points at the
  low-scoring contracts as the main source of the gap. The lowest thresholds move most (C02 and C13 2★:
  a handful of low-scoring contracts decide whether the bottom cluster is a few outliers or a broad
  group).
- **Random group assignment.** CMS's 10 groups come from SAS PROC SURVEYSELECT with seed 8675309;
  SAS's generator and assignment rule are not reproducible outside SAS, so Lodestar uses its own
  seeded split. The "Spread" column shows how much that choice alone moves a threshold.
- **Rounding.** A mean of 10 runs near x.5 rounds either way; one contract more or less in a run can
  flip it by one point.
- **Guardrails.** 2025 cut points are known for MA-PD only (PDP rows say "no 2025 cut points"), and the
  2025 trimmed score range of the complaint measures is not published; the cap used for C28/D02 is the
  0.05 that CMS's 2026 finals imply (1.39 → 1.34). Where the guardrail binds for both, the final
  threshold is the prior one ± the cap whatever the clustering gave, and matches CMS's exactly.
- **Not compared.** The improvement measures (C30, D04) are clustered apart for declining and
  non-declining contracts into 2 and 3 levels (\`src/lib/stars/cut_points_improvement.ts\`), but the
  public Measure Data file shows no improvement scores, so they cannot be checked here. CAHPS measures
  use percentiles and significance tests, not clustering.
`;
}
