/**
 * The Lodestar pipeline: inputs → core tables → marts → Parquet. One function runs it; the site's
 * archive loader (`src/data/lodestar.tar.ts`) and the `deno task pipeline` command both call it, so
 * the site always shows what the command produces.
 */
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import {
  closeDb,
  type Db,
  openDb,
  type OpenOptions,
  queryRows,
  sqlString,
  writeParquet,
} from "./lib/duckdb.ts";
import { progress } from "./lib/log.ts";
import { concatParquet } from "./lib/parquet_concat.ts";
import { readSql } from "./lib/sql_file.ts";
import { type Manifest, type ManifestFile, sha256File } from "./manifest.ts";
import { DATA_DIR, dropSyntheticScratch, generateSynthetic } from "./synthetic/generate.ts";
import { readMedicalClaimInputs, writeClaims } from "./synthetic/medical_claims.ts";
import { readFillInputs, writeFills } from "./synthetic/pharmacy_fills.ts";
import { type InputReport, loadInputs } from "./input/load_inputs.ts";
import { buildStarMeasures } from "./stars/member_measures.ts";
import { buildUtilization } from "./utilization/build.ts";
import { buildNationalStars } from "./stars/national_step.ts";
import { buildStarOutputs, type StarOutputSummary } from "./stars/step.ts";
import { createAndAppend } from "./lib/append.ts";
import { buildNextMonthRisk, NEXT_MONTH_RISK_OUTPUTS } from "../models/next_month_risk/step.ts";
import { PIPELINE_RISK_OPTIONS } from "../models/next_month_risk/pipeline_options.ts";
import { buildCareOutputs, CARE_OUTPUTS } from "./care/step.ts";
import { buildRecommendations } from "./genai/recommendations.ts";
import { clientFromEnv } from "./genai/client.ts";
import { loadLibrary } from "./genai/library.ts";
import { CACHE_DIR } from "./genai/run_on_parquet.ts";
import { buildValidation, VALIDATION_OUTPUTS } from "./validation/step.ts";
import { writeExecutiveSummary } from "./report/step.ts";

/** Version of the generator and transformations; bump when outputs change on purpose. */
export const GENERATOR_VERSION = "0.3.0";

/** Options for {@linkcode runPipeline}. */
export interface PipelineOptions {
  /** Output folder; created if missing. */
  out: string;
  /** Random seed for the synthetic default. */
  seed: number;
  /** Synthetic scale named in the scenario; default `default`. */
  scale?: string;
  /** Override the scenario's number of months (benchmarks). */
  months?: number;
  /** An analyst's folder of input files; replaces the synthetic default. */
  input?: string;
  /** Column mapping for `input`: a shipped mapping's name (`flat-claims`) or a mapping JSON path. */
  mapping?: string;
  /** Work in a database file with a memory cap instead of in memory. */
  onDisk?: boolean;
  /**
   * DuckDB's memory limit, default {@linkcode DEFAULT_MEMORY_LIMIT}. Without `onDisk` the database
   * stays in memory and spills to a temporary folder beyond the limit, which avoids writing and
   * compressing every table into a database file.
   */
  memoryLimit?: string;
  /** DuckDB worker threads (default: DuckDB's choice, one per core); outputs do not depend on it. */
  threads?: number;
  /**
   * Members per slice of an analyst's claim outputs, default {@linkcode SLICE_MEMBERS}; their rows do
   * not depend on it (the synthetic payer's are made in TypeScript, in two parts).
   */
  sliceMembers?: number;
  /**
   * Where to stop. `core`: after the data layer — generation or loading, the core tables and marts,
   * their Parquet files ({@linkcode STAGE_OUTPUTS}) and the manifest. `utilization`: the data layer plus
   * the company-month utilization tables. Default `all`: every output.
   */
  stage?: Stage;
}

/**
 * DuckDB's memory limit when the caller sets none. Beyond it DuckDB spills to a temporary folder,
 * so a run's peak stays bounded whatever the data's size: at a million members (12 months) the
 * process peaks at 2.6 GiB with this limit, 2.9–3.7 GiB with 2.5 GB and 10.5 GiB without one
 * (docs/synthetic-data.md).
 * Smaller runs (the site's default scale, 100k members) stay under it and never spill.
 */
export const DEFAULT_MEMORY_LIMIT = "2GB";

/**
 * Every table the pipeline writes, with the columns that fix its row order. Sort keys are dates
 * rather than their `YYYY-MM` labels where the table has both (member-months: the same order, and at
 * a million members the sort by date takes half the time of the sort by label).
 */
export const OUTPUTS: ReadonlyArray<readonly [string, string]> = [
  ["providers", "provider_id"],
  ["members", "member_id"],
  ["eligibility", "member_id, enrollment_start_date"],
  ["member_months", "member_id, month_start"],
  ["medical_claims", "member_id, claim_id, claim_line_number"],
  ["pharmacy_claims", "member_id, claim_id"],
  ["member_conditions", "member_id, condition"],
  ["companies", "company_id"],
  ["contracts", "contract_id"],
  ["rejects", "table_name, file, row_number, column_name, reason, value"],
  ["data_overview_monthly", "line_of_business, year_month"],
  ["data_benchmarks", "line_of_business, metric"],
  ["rejects_summary", "table_name, reason"],
  ["screening_history", "member_id, procedure_category, service_date"],
  ["member_measures", "member_id, measure_key, measurement_year"],
  ["contract_measure_rates", "contract_id, measure_id, measurement_year"],
  ["company_month_kpis", "company_id, year_month"],
  ["company_month_segments", "company_id, year_month, dimension, value"],
  ["company_month_features", "company_id, year_month"],
  ["company_actions", "company_id, year_month, action_id"],
  ["stars_national_2026", "contract_id"],
  ["stars_cut_points_2026", "cms_id, pool"],
  ["stars_catalogue_2026", "cms_id"],
  ["stars_interventions", "id"],
  ["contract_measure_stars", "contract_id, measure_id"],
  ["contract_star_ratings", "contract_id"],
  ["weak_measures", "contract_id, rank"],
  ["star_forecast", "contract_id, star_year"],
  ["star_money", "contract_id, star_year"],
  ["star_forecast_backtest", "model, metric"],
  ...NEXT_MONTH_RISK_OUTPUTS,
  ...CARE_OUTPUTS,
  ["recommendations", "subject_type, subject_id"],
  ...VALIDATION_OUTPUTS,
];

/**
 * The largest outputs (claim lines and fills): written to Parquet as soon as the data is generated
 * (made in TypeScript, {@linkcode writeSyntheticClaims}) or loaded (a slice of members at a time,
 * {@linkcode writeEarlyOutput}), and read back through a view of the file, so the rest of the run
 * does without their rows in memory (at a million members the claim lines alone are 2.9 GB as a
 * DuckDB table, 0.2 GB as Parquet).
 */
const EARLY_OUTPUTS: ReadonlySet<string> = new Set(["medical_claims", "pharmacy_claims"]);

/** Where a run stops: after the data layer, after the utilization tables, or at the end (`all`). */
export const STAGES = ["core", "utilization", "all"] as const;
/** One of {@linkcode STAGES}. */
export type Stage = typeof STAGES[number];

/** The outputs of the data layer alone (`stage: "core"`): contract tables, core tables and marts. */
const CORE_OUTPUTS: ReadonlySet<string> = new Set([
  "providers",
  "members",
  "eligibility",
  "member_months",
  "medical_claims",
  "pharmacy_claims",
  "member_conditions",
  "companies",
  "contracts",
  "rejects",
  "data_overview_monthly",
  "data_benchmarks",
  "rejects_summary",
]);

/** The outputs a partial run writes, by stage (a full run writes every one of {@linkcode OUTPUTS}). */
export const STAGE_OUTPUTS: Readonly<Record<Exclude<Stage, "all">, ReadonlySet<string>>> = {
  core: CORE_OUTPUTS,
  utilization: new Set([
    ...CORE_OUTPUTS,
    "company_month_kpis",
    "company_month_segments",
    "company_month_features",
    "company_actions",
  ]),
};

/** Core tables and marts built from the contract tables, in order: table → SQL file. */
const CORE: ReadonlyArray<readonly [string, string]> = [
  ["member_months", "./core/member_months.sql"],
  ["data_overview_monthly", "./core/data_overview_monthly.sql"],
  ["data_benchmarks", "./core/data_benchmarks.sql"],
  ["rejects_summary", "./core/rejects_summary.sql"],
];

/**
 * Tables the synthetic payer provides and an analyst's data may not: companies and contracts are
 * derived from the members (names = ids), member conditions are left empty.
 */
async function deriveReferenceTables(db: Db): Promise<void> {
  await db.con.run(`create or replace table companies as
    select company_id, company_id as company_name, null::varchar as industry, min(region) as region, min(town) as town
      , count(*)::integer as employees, null::double as avoidable_log_odds, null::varchar as trajectory
    from members where company_id is not null group by company_id`);
  await db.con.run(`create or replace table contracts as
    select contract_id, contract_id as contract_name, min(region) as region, count(*)::integer as members
      , null::double as log_effect
    from members where contract_id is not null group by contract_id`);
  await db.con.run(`create or replace table member_conditions (member_id varchar, condition varchar)`);
}

async function buildCore(db: Db): Promise<void> {
  await db.con.run(
    `create or replace table benchmarks as select * from read_csv(${
      sqlString(fileURLToPath(new URL("reference/benchmarks.csv", DATA_DIR)))
    }, header = true)`,
  );
  await db.con.run(`create table if not exists rejects (table_name varchar, file varchar, row_number integer,
    column_name varchar, value varchar, reason varchar, expected varchar)`);
  for (const [table, file] of CORE) {
    progress("pipeline", `building ${table}`);
    await db.con.run(`create or replace table ${table} as ${readSql(import.meta.url, file)}`);
  }
}

/** Everything after the data layer: star measures, utilization, stars, risk, care, recommendations, validation. */
async function buildEverythingElse(db: Db): Promise<void> {
  progress("pipeline", "building member_measures and contract_measure_rates");
  await buildStarMeasures(db);
  await buildUtilization(db);
  progress("pipeline", "building the 2026 national Star Ratings context");
  await buildNationalStars(db);
  progress("pipeline", "scoring the own contracts' Star Ratings, weak measures, forecast and money");
  await db.con.run(readSql(import.meta.url, "./stars/rate_keys.sql"));
  // Star year 2026 (CMS's cut points and rules) is measured in 2024; data without 2024 is scored in its
  // latest complete measurement year.
  const [has2024] = await queryRows(
    db,
    "select count(*)::integer as n from contract_measure_rates where measurement_year = 2024",
  );
  const stars = await buildStarOutputs(db, has2024?.n ? { measurementYear: 2024 } : {});
  await writeBacktestTable(db, stars.forecastMetrics);
  progress("pipeline", "building the next-month risk model");
  const risk = await buildNextMonthRisk(db, PIPELINE_RISK_OPTIONS);
  progress(
    "pipeline",
    `next-month risk for ${risk.predictedMonth}: ${risk.predictions} companies, C ${risk.C}`,
  );
  await buildCareOutputs(db);
  await buildPipelineRecommendations(db);
  progress("pipeline", "building the validation checks and the output dictionary");
  await buildValidation(db, OUTPUTS);
}

/** The forecast model's backtest against the "same rating as this year" baseline, one row per model and metric. */
async function writeBacktestTable(db: Db, metrics: StarOutputSummary["forecastMetrics"]): Promise<void> {
  const rows = [
    ...Object.entries(metrics.model).map(([metric, value]) => ({ model: "forecast", metric, value })),
    ...Object.entries(metrics.baseline).map(([metric, value]) => ({ model: "same_rating", metric, value })),
    { model: "forecast", metric: "test_transitions", value: metrics.transitions.test },
    { model: "forecast", metric: "interval_target", value: metrics.interval.target },
  ].filter((r) => typeof r.value === "number");
  await createAndAppend(db, "star_forecast_backtest", [["model", "varchar"], ["metric", "varchar"], [
    "value",
    "double",
  ]], rows);
}

/**
 * Recommendations for every weak measure and high-risk company (after `weak_measures` and
 * `company_risk_predictions` exist). Without `LODESTAR_GEMINI_API_KEY` the rule library answers:
 * no network, same inputs → same bytes.
 */
async function buildPipelineRecommendations(db: Db): Promise<void> {
  const [row] = await queryRows(db, readSql(import.meta.url, "./genai/data_as_of.sql"));
  const asOf = row?.as_of;
  if (typeof asOf !== "string") {
    throw new Error("Cannot build recommendations: the data has no as-of date (no member months)");
  }
  const report = await buildRecommendations(db, {
    client: clientFromEnv(),
    library: await loadLibrary(),
    asOf,
    cacheDir: fileURLToPath(new URL(`../${CACHE_DIR}/`, import.meta.url)),
  });
  progress(
    "pipeline",
    `recommendations as of ${asOf}: ${report.rows} rows (${report.cached} cached, ${report.fallbacks} fallbacks)`,
  );
}

/** The columns that fix an output's row order. */
function orderOf(table: string): string {
  const order = OUTPUTS.find(([name]) => name === table)?.[1];
  if (!order) throw new Error(`Cannot write ${table}: it is not one of the pipeline's outputs`);
  return order;
}

/** The manifest entry of an output file just written, logged. */
async function manifestEntry(out: string, name: string, rows: number): Promise<ManifestFile> {
  const { sha256, bytes } = await sha256File(join(out, name));
  progress(
    "pipeline",
    `wrote ${name} (${rows.toLocaleString("en-US")} rows, ${bytes.toLocaleString("en-US")} bytes)`,
  );
  return { name, rows, bytes, sha256 };
}

/** Writes one table to `<out>/<table>.parquet` in the output's row order; returns its manifest entry. */
async function writeOutput(db: Db, out: string, table: string): Promise<ManifestFile> {
  const name = `${table}.parquet`;
  await writeParquet(db, `select * from ${table} order by ${orderOf(table)}`, join(out, name));
  const [row] = await queryRows(db, `select count(*)::bigint as n from ${table}`);
  return manifestEntry(out, name, Number(row!.n));
}

/**
 * Members per slice of an early output: each slice's rows are made (or read), sorted and written
 * on their own, so memory holds one slice (at a million members, 8 slices of about 1.5M claim lines
 * or 2.3M fills).
 */
export const SLICE_MEMBERS = 125_000;

/**
 * Filters that split rows by `member_id` into consecutive slices of about
 * {@linkcode SLICE_MEMBERS} members: `bounds` are the first member ids of the second and later
 * slices, ascending; rows without a member id go last, where the output's order puts them.
 */
export function memberSlices(bounds: readonly string[]): string[] {
  if (bounds.length === 0) return ["true"];
  const at = (i: number) => sqlString(bounds[i]!);
  return [
    `member_id < ${at(0)}`,
    ...bounds.slice(1).map((_, i) => `member_id >= ${at(i)} and member_id < ${at(i + 1)}`),
    `(member_id >= ${at(bounds.length - 1)} or member_id is null)`,
  ];
}

/**
 * Writes an early output ({@linkcode EARLY_OUTPUTS}) a slice of members at a time
 * ({@linkcode memberSlices}), each slice sorted into its own Parquet part in `work`, and joins the
 * parts into `<out>/<table>.parquet` ({@linkcode concatParquet}). The output's order begins with
 * `member_id`, so the parts in turn are its rows in order. The table (or the generator's view) is
 * then replaced by a view of the written file.
 */
async function writeEarlyOutput(
  db: Db,
  out: string,
  table: string,
  work: string,
  sliceMembers: number,
): Promise<ManifestFile> {
  const order = orderOf(table);
  if (!order.startsWith("member_id,")) {
    throw new Error(
      `Cannot write ${table} by member slices: its row order (${order}) does not begin with member_id`,
    );
  }
  const bounds = await queryRows(
    db,
    `select member_id from (select member_id, row_number() over (order by member_id) as n from members)
     where n % ${sliceMembers} = 1 and n > 1 order by member_id`,
  );
  const parts: string[] = [];
  for (const [i, slice] of memberSlices(bounds.map((b) => String(b.member_id))).entries()) {
    const part = join(work, `${table}.${i}.parquet`);
    await writeParquet(db, `select * from ${table} where ${slice} order by ${order}`, part);
    parts.push(part);
  }
  const name = `${table}.parquet`;
  const rows = await concatParquet(parts, join(out, name));
  for (const part of parts) await Deno.remove(part);
  await replaceWithFile(db, table, join(out, name));
  return manifestEntry(out, name, rows);
}

/** Replaces a table (or the generator's view) by a view of its written Parquet file. */
async function replaceWithFile(db: Db, table: string, path: string): Promise<void> {
  const [view] = await queryRows(
    db,
    `select count(*)::integer as n from duckdb_views() where view_name = ${sqlString(table)}`,
  );
  await db.con.run(`drop ${Number(view!.n) > 0 ? "view" : "table"} ${table}`);
  await db.con.run(`create view ${table} as select * from read_parquet(${sqlString(path)})`);
}

/**
 * The synthetic payer's claim tables, made in TypeScript by two workers each
 * (`synthetic/medical_claims.ts`, `synthetic/pharmacy_fills.ts`): the same rows, values and order
 * as the generator's `medical_claims` and `pharmacy_claims` views, which they replace. Both
 * tables' inputs are read first, dropping each intermediate once its last reader is done, so the
 * generator's memory is free for the workers.
 */
async function writeSyntheticClaims(db: Db, out: string, work: string): Promise<Map<string, ManifestFile>> {
  const fills = await readFillInputs(db);
  progress("pipeline", "read the fills' inputs");
  await dropSyntheticScratch(db, ["therapies", "member_pharmacies"]);
  const claims = await readMedicalClaimInputs(db);
  progress("pipeline", "read the medical claims' inputs");
  await dropSyntheticScratch(db);
  const written = new Map<string, ManifestFile>();
  for (
    const [table, write] of [
      ["medical_claims", (path: string) => writeClaims(claims, path, work)],
      ["pharmacy_claims", (path: string) => writeFills(fills, path, work)],
    ] as const
  ) {
    const name = `${table}.parquet`;
    const rows = await write(join(out, name));
    await replaceWithFile(db, table, join(out, name));
    written.set(table, await manifestEntry(out, name, rows));
  }
  return written;
}

/** How {@linkcode runPipeline} opens its database, with `work` as its temporary folder. */
export function databaseOptions(
  options: Pick<PipelineOptions, "onDisk" | "memoryLimit" | "threads">,
  work: string,
): OpenOptions {
  const memoryLimit = options.memoryLimit ?? DEFAULT_MEMORY_LIMIT;
  const threads = options.threads === undefined ? {} : { threads: options.threads };
  return options.onDisk
    ? { path: join(work, "pipeline.duckdb"), memoryLimit, ...threads }
    : { memoryLimit, tempDirectory: join(work, "spill"), ...threads };
}

/** Runs the pipeline and writes every table plus `manifest.json` to `options.out`. */
export async function runPipeline(options: PipelineOptions): Promise<Manifest> {
  const { out, seed, scale = "default" } = options;
  if (!Number.isSafeInteger(seed) || seed < 0) {
    throw new Error(`Cannot run the pipeline: seed must be a non-negative integer (got ${seed})`);
  }
  const { sliceMembers = SLICE_MEMBERS } = options;
  if (!Number.isSafeInteger(sliceMembers) || sliceMembers < 1) {
    throw new Error(`Cannot run the pipeline: sliceMembers must be a positive integer (got ${sliceMembers})`);
  }
  await Deno.mkdir(out, { recursive: true });
  // In memory by default (fastest), spilling to the work folder beyond the memory limit; or in a
  // database file (`onDisk`, about twice as slow).
  const work = await Deno.makeTempDir({ prefix: "lodestar-db-" });
  const db = await openDb(databaseOptions(options, work));
  const files: ManifestFile[] = [];
  const written = new Map<string, ManifestFile>();
  let scenario: string;
  let report: InputReport | undefined;
  try {
    if (options.input) {
      progress(
        "pipeline",
        `loading ${options.input}${options.mapping ? ` with mapping ${options.mapping}` : ""}`,
      );
      report = await loadInputs(db, {
        dir: options.input,
        ...(options.mapping ? { mapping: options.mapping } : {}),
      });
      for (const note of report.notes) progress("input", note);
      await deriveReferenceTables(db);
      scenario = options.mapping ?? "contract";
    } else {
      const months = options.months ? { months: options.months } : {};
      scenario = `${(await generateSynthetic(db, { seed, scale, ...months })).name}/${scale}`;
    }
    if (options.input) {
      for (const table of EARLY_OUTPUTS) {
        written.set(table, await writeEarlyOutput(db, out, table, work, sliceMembers));
      }
    } else {
      for (const [table, file] of await writeSyntheticClaims(db, out, work)) written.set(table, file);
    }
    await buildCore(db);
    const stage = options.stage ?? "all";
    if (stage === "utilization") await buildUtilization(db);
    if (stage === "all") await buildEverythingElse(db);
    for (const [table] of OUTPUTS) {
      if (stage !== "all" && !STAGE_OUTPUTS[stage].has(table)) continue;
      files.push(written.get(table) ?? await writeOutput(db, out, table));
    }
    if (stage === "all") {
      progress("pipeline", "writing the executive summary");
      files.push(await writeExecutiveSummary(db, out));
    }
  } finally {
    closeDb(db);
    await Deno.remove(work, { recursive: true });
  }
  const manifest: Manifest = {
    generator: `lodestar-pipeline ${GENERATOR_VERSION}`,
    seed,
    scenario,
    input: report ? "analyst" : "synthetic",
    ...(options.stage && options.stage !== "all" ? { stage: options.stage } : {}),
    files,
    ...(report ? { report } : {}),
  };
  await Deno.writeTextFile(join(out, "manifest.json"), JSON.stringify(manifest, null, 2) + "\n");
  return manifest;
}
