/**
 * Star measures computed member by member from the contract tables (and the optional prior
 * screening history) for the plan's own Medicare Advantage contracts: builds `member_measures`
 * (the care gaps) and `contract_measure_rates` (every measure's score per contract and year,
 * claims-based or from the contract-level scenario input). Each step is one SQL file in
 * `measures/` creating one table; the order below is their dependency order.
 */
import { fileURLToPath } from "node:url";
import { type Db, queryRows, sqlString } from "../lib/duckdb.ts";
import { readSql } from "../lib/sql_file.ts";
import { checkScenario } from "./check_scenario.ts";

const DATA_DIR = new URL("../../data/", import.meta.url);

/** Reference files the measures read; tests may point the scenario elsewhere. */
export interface StarMeasureFiles {
  valueSets: string;
  claimsMeasures: string;
  /** The measure catalogue (key, CMS ID, name, Part, direction). */
  catalogue: string;
  scenario: string;
}

/** The shipped value sets, measure list and contract-level scenario. */
export const DEFAULT_FILES: StarMeasureFiles = {
  valueSets: fileURLToPath(new URL("stars/value_sets.csv", DATA_DIR)),
  claimsMeasures: fileURLToPath(new URL("stars/claims_measures.csv", DATA_DIR)),
  catalogue: fileURLToPath(new URL("reference/stars/measures.csv", DATA_DIR)),
  scenario: fileURLToPath(new URL("synthetic/contract_measure_scenario.csv", DATA_DIR)),
};

/** Steps in order: table → SQL file (macros.sql defines functions, not a table). */
export const STEPS: ReadonlyArray<readonly [string, string]> = [
  ["stars_value_sets", "value_sets.sql"],
  ["stars_claims_measures", "claims_measures.sql"],
  ["stars_years", "years.sql"],
  ["stars_coverage_gaps", "coverage_gaps.sql"],
  ["", "macros.sql"],
  ["stars_medical_lines", "medical_lines.sql"],
  ["stars_fills", "fills.sql"],
  ["stars_events", "events.sql"],
  ["stars_stays", "stays.sql"],
  ["stars_member_years", "member_years.sql"],
  ["stars_m_bcs", "bcs.sql"],
  ["stars_m_col", "col.sql"],
  ["stars_m_cbp", "cbp.sql"],
  ["stars_m_diabetes_care", "diabetes_care.sql"],
  ["stars_m_spc", "spc.sql"],
  ["stars_m_omw", "omw.sql"],
  ["stars_m_pcr", "pcr.sql"],
  ["stars_m_fmc", "fmc.sql"],
  ["stars_pdc_fills", "pdc_fills.sql"],
  ["stars_pdc_periods", "pdc_periods.sql"],
  ["stars_pdc_days", "pdc_days.sql"],
  ["stars_m_pdc", "pdc.sql"],
  ["stars_m_supd", "supd.sql"],
  ["member_measures", "member_measures.sql"],
  ["contract_measure_rates", "contract_measure_rates.sql"],
];

/** Runs one measure SQL file into a table (or as a statement, for the macros). */
export async function runMeasureStep(db: Db, table: string, file: string): Promise<void> {
  const sql = readSql(import.meta.url, `measures/${file}`);
  if (table) await db.con.run(`create or replace table ${table} as ${sql}`);
  else for (const statement of sql.split(/;\s*$/m).filter((s) => s.trim())) await db.con.run(statement);
}

/**
 * Builds the star-measure tables from the contract tables already in `db` (`members`,
 * `eligibility`, `medical_claims`, `pharmacy_claims`, `screening_history`).
 */
export async function buildStarMeasures(db: Db, files: StarMeasureFiles = DEFAULT_FILES): Promise<void> {
  checkScenario(await Deno.readTextFile(files.scenario), files.scenario);
  await db.con.run(`set variable stars_value_sets_csv = ${sqlString(files.valueSets)}`);
  await db.con.run(`set variable stars_claims_measures_csv = ${sqlString(files.claimsMeasures)}`);
  await db.con.run(`set variable stars_catalogue_csv = ${sqlString(files.catalogue)}`);
  await db.con.run(`set variable stars_scenario_csv = ${sqlString(files.scenario)}`);
  await db.con.run(`create table if not exists screening_history
    (member_id varchar, procedure_category varchar, service_date date, source varchar)`);
  for (const [table, file] of STEPS) {
    await runMeasureStep(db, table, file);
    if (table === "stars_claims_measures") await checkClaimsMeasureKeys(db, files);
  }
}

/** Fails on a claims measure whose stable key is not a 2026 measure of the catalogue. */
async function checkClaimsMeasureKeys(db: Db, files: StarMeasureFiles): Promise<void> {
  const missing = await queryRows(
    db,
    "select measure_key from stars_claims_measures where measure_id is null order by measure_key",
  );
  if (missing.length > 0) {
    throw new Error(
      `Cannot read ${files.claimsMeasures}: measure_key ${
        missing.map((r) => `"${r.measure_key}"`).join(", ")
      } is not a 2026 measure key of ${files.catalogue}`,
    );
  }
}
