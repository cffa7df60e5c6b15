/**
 * The care tables built in SQL before the risk model runs: the population, events, origins and
 * the member × origin feature table. Each step is one SQL file in this folder creating one table;
 * the order below is their dependency order (`macros.sql` defines functions, not a table).
 */
import { fileURLToPath } from "node:url";
import { type Db, sqlString } from "../lib/duckdb.ts";
import { readSql } from "../lib/sql_file.ts";

/** The NYU ED classification by ICD-10-CM code (see data/README.md). */
export const ED_CLASSIFICATION_CSV = fileURLToPath(
  new URL("../../data/reference/ed/ed_classification_johnston_icd10.csv", import.meta.url),
);

/** Steps in order: table → SQL file. */
export const CARE_SQL_STEPS: ReadonlyArray<readonly [string, string]> = [
  ["", "macros.sql"],
  ["care_ed_classification", "ed_classification.sql"],
  ["care_population", "population.sql"],
  ["care_er_visits", "er_visits.sql"],
  ["care_stays", "stays.sql"],
  ["care_contacts", "contacts.sql"],
  ["care_origins", "origins.sql"],
  ["care_risk_features", "risk_features.sql"],
  ["care_measure_stars", "measure_stars.sql"],
  ["care_current_year", "current_year.sql"],
];

/** Runs one SQL file of this folder into a table (or as statements when `table` is empty). */
export async function runCareSql(db: Db, table: string, file: string): Promise<void> {
  const sql = readSql(import.meta.url, file);
  if (table) await db.con.run(`create or replace table ${table} as ${sql}`);
  else for (const statement of sql.split(/;\s*$/m).filter((s) => s.trim())) await db.con.run(statement);
}

/**
 * Builds the SQL care tables from the contract tables, the star-measure intermediates
 * (`stars_medical_lines`, `stars_stays`, `stars_fills`) and the 2026 cut points
 * (`stars_cut_points_2026`) already in `db`.
 */
export async function buildCareTables(db: Db): Promise<void> {
  await db.con.run(`set variable care_ed_classification_csv = ${sqlString(ED_CLASSIFICATION_CSV)}`);
  for (const [table, file] of CARE_SQL_STEPS) await runCareSql(db, table, file);
}
