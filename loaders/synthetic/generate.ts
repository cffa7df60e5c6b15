/**
 * Generates the synthetic payer into an open DuckDB: the input-contract tables (`providers`,
 * `members`, `eligibility`, `medical_claims`, `pharmacy_claims`) plus `companies`, `contracts` and
 * `member_conditions`. Entities come from seeded TypeScript; members, events and claims from SQL
 * whose random draws are hashes of the seed and the row's identity, so the output is identical for
 * the same seed and scale whatever the thread count.
 */
import { fileURLToPath } from "node:url";
import { createAndAppend } from "../lib/append.ts";
import { type Db, queryRows, sqlString } from "../lib/duckdb.ts";
import { progress } from "../lib/log.ts";
import { readSql } from "../lib/sql_file.ts";
import { contractEventEffects } from "./contract_effects.ts";
import { companies, companyMonthEffects, contracts, places, providers } from "./entities.ts";
import { poissonMacroSql } from "./poisson.ts";
import { INPUT_TABLES } from "../contract/schema.ts";
import { flattenNumbers, readScenario, type Scenario } from "./scenario.ts";

/** Where the scenario and reference files live (the project's data/ folder). */
export const DATA_DIR = new URL("../../data/", import.meta.url);

/** Options for {@linkcode generateSynthetic}. */
export interface SyntheticOptions {
  seed: number;
  /** A scale named in the scenario (`small`, `default`, `100k`, `1m`). */
  scale: string;
  /** Override the scenario's number of months (benchmarks use 12). */
  months?: number;
  /** Scenario file; default data/synthetic/scenario.json. */
  scenarioPath?: string | URL;
}

/** SQL steps in order: table name → SQL file. Each creates one table. */
const STEPS: ReadonlyArray<readonly [string, string]> = [
  ["people", "people.sql"],
  ["eligibility", "eligibility.sql"],
  ["members", "members.sql"],
  ["member_conditions", "conditions.sql"],
  ["condition_lists", "condition_lists.sql"],
  ["exposure", "exposure.sql"],
  ["er_pool_share", "er_pool_share.sql"],
  ["er_dx_bins", "er_dx_bins.sql"],
  ["er_visits_base", "er_visits_base.sql"],
  ["elective_admissions", "elective_admissions.sql"],
  ["readmission_visits", "readmission_visits.sql"],
  ["er_visits", "er_visits.sql"],
  ["admissions", "admissions.sql"],
  ["ambulatory_events", "ambulatory_events.sql"],
  ["care_events", "care_events.sql"],
  ["provider_index", "provider_index.sql"],
  ["therapies", "therapies.sql"],
  ["member_pharmacies", "member_pharmacies.sql"],
  ["pharmacy_claims", "pharmacy_claims.sql"],
  ["claim_lines", "claim_lines.sql"],
  ["medical_claims", "medical_claims.sql"],
  ["screening_history", "screening_history.sql"],
];

/** Intermediate tables, dropped by {@linkcode dropSyntheticScratch} once the claims are written. */
const SCRATCH = [
  "condition_lists",
  "people",
  "exposure",
  "er_pool_share",
  "er_dx_bins",
  "er_visits_base",
  "elective_admissions",
  "readmission_visits",
  "er_visits",
  "admissions",
  "ambulatory_events",
  "care_events",
  "provider_index",
  "claim_lines",
  "therapies",
  "member_pharmacies",
];

/**
 * Steps kept as views: each member's pharmacy (read by the fills, in SQL or in TypeScript), the
 * ambulatory events and the claim lines (read by the medical claims' SQL, which the pipeline's
 * TypeScript claims replace: `medical_claims.ts` draws the ambulatory events itself) and the two
 * claim tables, which are written to Parquet without ever holding all their rows at once (at a
 * million members 30M rows, 5 GB as tables).
 */
const VIEWS: ReadonlySet<string> = new Set([
  "member_pharmacies",
  "ambulatory_events",
  "claim_lines",
  "pharmacy_claims",
  "medical_claims",
]);

/** Drops a step's table or view. */
async function dropStep(db: Db, name: string): Promise<void> {
  await db.con.run(`drop ${VIEWS.has(name) ? "view" : "table"} if exists ${name}`);
}

/**
 * Intermediates of the claim chain that nothing reads after the named step: dropped right away to
 * keep peak memory down at large scales.
 */
const DROP_AFTER: Readonly<Record<string, readonly string[]>> = {
  er_visits_base: ["er_pool_share", "er_dx_bins"],
  er_visits: ["er_visits_base", "readmission_visits"],
  admissions: ["elective_admissions"],
};

/**
 * A contract table's rows take exactly the contract's columns, order and types, cast as the step
 * creates them (no second copy); other tables pass through unchanged.
 */
function contractProjection(table: string, source: string): string {
  const spec = INPUT_TABLES.find((t) => t.name === table);
  if (!spec) return source;
  const columns = spec.columns.map((c) => `${c.name}::${c.type} as ${c.name}`).join(", ");
  return `select ${columns} from (\n${source}\n)`;
}

function csvPath(name: string): string {
  return sqlString(fileURLToPath(new URL(name, DATA_DIR)));
}

/**
 * A scenario number as a SQL literal: whole numbers as integers, others as DOUBLE. A bare literal
 * such as `0.15` would be a DECIMAL, and every rate multiplied by it would then be computed in
 * decimal arithmetic (at a million members, several seconds of the member-month steps).
 */
export function numberSql(value: number): string {
  return Number.isInteger(value) ? String(value) : `${value}::double`;
}

async function loadParameters(db: Db, scenario: Scenario, seed: number, months: number): Promise<void> {
  await db.con.run(`set variable seed = ${seed}`);
  await db.con.run(`set variable start_date = ${sqlString(`${scenario.start_month}-01`)}`);
  await db.con.run(`set variable months = ${months}`);
  let cumulative = 0;
  const mix: number[] = [];
  scenario.commercial.household_size_mix.forEach((p, i) => {
    cumulative += p;
    if (i < 5) mix.push(cumulative);
  });
  for (const [i, value] of mix.entries()) await db.con.run(`set variable mix${i + 1} = ${numberSql(value)}`);
  for (const [name, value] of flattenNumbers(scenario)) {
    if (name.startsWith("scales__") || name === "months") continue;
    await db.con.run(`set variable ${name} = ${numberSql(value)}`);
  }
}

async function loadReferenceTables(db: Db, scenario: Scenario): Promise<void> {
  await db.con.run(`create or replace table season as
    select unnest(range(1, 13)) as month_of_year
      , unnest(${JSON.stringify(scenario.seasonality.respiratory)}::double[]) as respiratory
      , unnest(${JSON.stringify(scenario.seasonality.injury)}::double[]) as injury`);
  const conditions = Object.entries(scenario.conditions).filter(([k, v]) =>
    !k.startsWith("$") && typeof v === "object"
  )
    .map(([condition, v]) => ({ condition, ...(v as { at45: number; at75: number; loading: number }) }));
  await createAndAppend(db, "condition_params", [["condition", "varchar"], ["at45", "double"], [
    "at75",
    "double",
  ], ["loading", "double"]], conditions);
  await db.con.run(`create or replace table ed_classification as
    select * from read_csv(${
    csvPath("reference/ed/ed_classification_johnston_icd10.csv")
  }, header = true, all_varchar = false,
      types = {'icd10': 'varchar'})`);
  await db.con.run(`create or replace table er_diagnoses as
    select * from read_csv(${
    csvPath("synthetic/er_diagnoses.csv")
  }, header = true, types = {'icd10': 'varchar'})`);
  await db.con.run(`create or replace table drugs as
    select * from read_csv(${
    csvPath("synthetic/drugs.csv")
  }, header = true, types = {'statin_intensity': 'varchar'})`);
  await db.con.run(`create or replace table condition_codes as
    select * from read_csv(${csvPath("synthetic/condition_codes.csv")}, header = true)`);
  await db.con.run(`create or replace table care_event_params as
    select * from read_csv(${csvPath("synthetic/care_events.csv")}, header = true,
      types = {'sex': 'varchar', 'condition': 'varchar', 'result_codes_good': 'varchar', 'result_codes_bad': 'varchar',
               'good_probability': 'double', 'procedure_code': 'varchar', 'place_of_service': 'varchar'})`);
}

/**
 * Generates the synthetic payer; returns the scenario used. The claim tables (`medical_claims`,
 * `pharmacy_claims`) are views over intermediate tables: read them, then release the
 * intermediates with {@linkcode dropSyntheticScratch}.
 */
export async function generateSynthetic(db: Db, options: SyntheticOptions): Promise<Scenario> {
  const scenario = readScenario(options.scenarioPath ?? new URL("synthetic/scenario.json", DATA_DIR));
  const scale = scenario.scales[options.scale];
  if (!scale) {
    throw new Error(
      `Unknown scale "${options.scale}": expected one of ${Object.keys(scenario.scales).join(", ")}`,
    );
  }
  const months = options.months ?? scenario.months;
  const seed = options.seed;
  await loadParameters(db, scenario, seed, months);
  await db.con.run(readSql(import.meta.url, "random.sql"));
  await db.con.run(poissonMacroSql());
  await loadReferenceTables(db, scenario);

  progress("synthetic", `entities for scale ${options.scale} (${months} months)`);
  const companyList = companies(scenario, seed, scale.commercial_members);
  const scenarioForMonths = { ...scenario, months };
  await createAndAppend(db, "places", [["region", "varchar"], ["town", "varchar"], [
    "region_weight",
    "double",
  ]], places(scenario));
  await createAndAppend(db, "companies", [
    ["company_id", "varchar"],
    ["company_name", "varchar"],
    ["industry", "varchar"],
    ["region", "varchar"],
    ["town", "varchar"],
    ["employees", "integer"],
    ["avoidable_log_odds", "double"],
    ["trajectory", "varchar"],
  ], companyList);
  await createAndAppend(db, "company_month_effects", [["company_id", "varchar"], ["month_index", "integer"], [
    "log_effect",
    "double",
  ]], companyMonthEffects(scenarioForMonths, seed, companyList));
  const contractList = contracts(scenario, seed, scale.ma_contract_members);
  await createAndAppend(db, "contracts", [
    ["contract_id", "varchar"],
    ["contract_name", "varchar"],
    ["region", "varchar"],
    ["members", "integer"],
    ["log_effect", "double"],
  ], contractList);
  await createAndAppend(db, "providers", [
    ["provider_id", "varchar"],
    ["provider_name", "varchar"],
    ["network_tier", "varchar"],
    ["practice_type", "varchar"],
    ["region", "varchar"],
    ["town", "varchar"],
  ], providers(scenario, seed));
  const events = await queryRows(db, "select event, rho from care_event_params order by event") as {
    event: string;
    rho: number;
  }[];
  const firstYear = Number(scenario.start_month.slice(0, 4));
  await createAndAppend(
    db,
    "contract_event_effects",
    [["contract_id", "varchar"], ["event", "varchar"], ["yr", "integer"], ["z", "double"]],
    contractEventEffects(
      seed,
      contractList.map((c) => c.contract_id),
      events,
      firstYear,
      firstYear + Math.ceil(months / 12) + 1,
    ),
  );

  // Every draw is keyed by row identity and every output is ordered at write, so the steps need
  // not keep insertion order; without it DuckDB materialises in parallel and streams more.
  await db.con.run("set preserve_insertion_order = false");
  try {
    for (const [table, file] of STEPS) {
      const sql = contractProjection(table, readSql(import.meta.url, file));
      if (VIEWS.has(table)) {
        await db.con.run(`create or replace view ${table} as ${sql}`);
        progress("synthetic", `${table}: view`);
      } else {
        await db.con.run(`create or replace table ${table} as ${sql}`);
        const [row] = await queryRows(db, `select count(*)::bigint as n from ${table}`);
        progress("synthetic", `${table}: ${Number(row!.n).toLocaleString("en-US")} rows`);
      }
      for (const done of DROP_AFTER[table] ?? []) await dropStep(db, done);
    }
    // Contract tables not built by a step (providers) take the contract's columns, order and types.
    for (const spec of INPUT_TABLES) {
      if (STEPS.some(([table]) => table === spec.name)) continue;
      await db.con.run(
        `create or replace table ${spec.name} as ${
          contractProjection(spec.name, `select * from ${spec.name}`)
        }`,
      );
    }
  } finally {
    await db.con.run("reset preserve_insertion_order");
  }
  return scenario;
}

/**
 * Drops the generator's intermediate tables (or only the named ones among them), once the claims
 * that read them have been made.
 */
export async function dropSyntheticScratch(db: Db, only?: readonly string[]): Promise<void> {
  for (const table of only ?? SCRATCH) {
    if (!SCRATCH.includes(table)) {
      throw new Error(`dropSyntheticScratch: "${table}" is not an intermediate table`);
    }
    await dropStep(db, table);
  }
}
