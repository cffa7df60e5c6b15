/**
 * The utilization step of the pipeline: ER visits → company-month counts (SQL) → KPIs with
 * credibility weighting and the IVI → next-month features → recommended actions; plus the segment
 * table. Creates `company_month_kpis`, `company_month_segments`, `company_month_features` and
 * `company_actions` in the database.
 */
import { fileURLToPath } from "node:url";
import { type AppendType, createAndAppend } from "../lib/append.ts";
import { type Db, queryRows, sqlString } from "../lib/duckdb.ts";
import { progress } from "../lib/log.ts";
import { readSql } from "../lib/sql_file.ts";
import { type CompanyAction, companyActions, parseRules } from "./actions.ts";
import { companyMonthFeatures } from "./features.ts";
import { type CountsRow, scoreCompanyMonths } from "./score.ts";

const DATA = new URL("../../data/", import.meta.url);
/** The rule library of recommended actions. */
export const ACTIONS_CSV = new URL("reference/utilization_actions.csv", DATA);

/**
 * Column types of rows: strings varchar, the named integer columns integer, other numbers double;
 * a column that is null throughout is varchar if it is a text column, else double. Without rows the
 * table still gets its key columns (`fallback`), so pages and queries find an empty table.
 */
export function columnTypes(
  rows: ReadonlyArray<Record<string, unknown>>,
  integers: ReadonlySet<string>,
  fallback: ReadonlyArray<readonly [string, AppendType]>,
): [string, AppendType][] {
  if (rows.length === 0) return fallback.map(([n, t]) => [n, t]);
  return Object.keys(rows[0]!).map((name) => {
    const sample = rows.find((r) => r[name] !== null && r[name] !== undefined)?.[name];
    if (typeof sample === "string" || TEXT_COLUMNS.has(name)) return [name, "varchar"];
    return [name, integers.has(name) ? "integer" : "double"];
  });
}

const TEXT_COLUMNS = new Set(["company_id", "year_month", "risk_band"]);
const KEY_COLUMNS: ReadonlyArray<readonly [string, AppendType]> = [
  ["company_id", "varchar"],
  ["year_month", "varchar"],
  ["member_months", "integer"],
];

const COUNT_COLUMNS = new Set([
  "member_months",
  "claims",
  "medical_claims",
  "pharmacy_fills",
  "admissions",
  "office_visits",
  "telehealth_visits",
  "urgent_care_visits",
  "er_visits",
  "er_admitted",
  "avoidable_er_visits_proxy",
  "er_unclassified",
  "chronic_member_months",
  "condition_months",
  "window_member_months",
  "window_er_visits",
  "high_months_6m",
  "month_of_year",
  "respiratory_season",
  "high_risk_now",
  "high_risk_next",
  "priority",
]);

/** Runs the utilization step on a database holding the contract and core tables. */
export async function buildUtilization(db: Db): Promise<void> {
  await db.con.run(
    `create or replace table ed_classification as select * from read_csv(${
      sqlString(fileURLToPath(new URL("reference/ed/ed_classification_johnston_icd10.csv", DATA)))
    }, header = true, types = {'icd10': 'varchar'})`,
  );
  progress("pipeline", "building company_er_visits");
  await db.con.run(
    `create or replace table company_er_visits as ${readSql(import.meta.url, "./er_visits.sql")}`,
  );
  progress("pipeline", "building company_month_segments");
  await db.con.run(
    `create or replace table company_month_segments as ${
      readSql(import.meta.url, "./company_month_segments.sql")
    }`,
  );
  progress("pipeline", "building company_month_kpis");
  const counts =
    (await queryRows(db, readSql(import.meta.url, "./company_month_counts.sql"))) as unknown as CountsRow[];
  const kpis = scoreCompanyMonths(counts);
  await createAndAppend(db, "company_month_kpis", columnTypes(kpis, COUNT_COLUMNS, KEY_COLUMNS), kpis);
  const features = companyMonthFeatures(kpis);
  await createAndAppend(
    db,
    "company_month_features",
    columnTypes(features, COUNT_COLUMNS, KEY_COLUMNS),
    features,
  );
  const figures = kpis.map((k, i) => ({ ...k, ...features[i] }));
  const rules = parseRules(
    await Deno.readTextFile(ACTIONS_CSV),
    "data/reference/utilization_actions.csv",
    new Set(Object.keys(figures[0] ?? {})),
  );
  const actions = companyActions(figures, rules);
  const actionColumns: ReadonlyArray<readonly [keyof CompanyAction, AppendType]> = [
    ["company_id", "varchar"],
    ["year_month", "varchar"],
    ["action_id", "varchar"],
    ["priority", "integer"],
    ["metric", "varchar"],
    ["value", "double"],
    ["operator", "varchar"],
    ["threshold", "double"],
    ["action", "varchar"],
    ["rationale", "varchar"],
  ];
  await createAndAppend(db, "company_actions", actionColumns, actions);
}
