/**
 * Pipeline step for the methodology section and the data dictionary: runs after every other step and
 * writes `validation_checks` (build-time facts per method, each with its reference), `output_tables` and
 * `output_columns` (every output's description, columns and types from DuckDB's catalogue).
 */
import { createAndAppend } from "../lib/append.ts";
import { type Db, queryRows } from "../lib/duckdb.ts";
import { readSql } from "../lib/sql_file.ts";
import { parseCsv } from "../../src/lib/stars/csv.ts";
import { CHECK_COLUMNS, type CheckRow } from "./check_row.ts";
import { cutPointAgreement, type Thresholds } from "./cut_point_agreement.ts";
import { type BacktestRow, type ForecastGolden, forecastGoldenAgreement } from "./forecast_golden.ts";
import { logisticGoldenAgreement, readLogisticFixture } from "./logistic_golden.ts";
import { TABLE_DESCRIPTIONS } from "./table_descriptions.ts";

/** Tables this step writes, with the columns that fix their row order. */
export const VALIDATION_OUTPUTS: ReadonlyArray<readonly [string, string]> = [
  ["validation_checks", "method, check_id"],
  ["output_tables", "table_name"],
  ["output_columns", "table_name, ordinal"],
];

/** Committed files the checks compare with; the build reads them, never a figure typed into a page. */
export const GOLDEN = {
  logisticInputs: new URL("../../test/input/logistic/", import.meta.url),
  logisticGoldens: new URL("../../test/golden/logistic/", import.meta.url),
  forecast: new URL("../../test/output/star_forecast_backtest.json", import.meta.url),
  cutPoints: new URL("../../test/output/cut_points_2026.csv", import.meta.url),
};

const LOGISTIC_FIXTURES = ["separable", "imbalanced", "collinear", "constant_column"];

const SQL_CHECKS = [
  "./checks_synthetic.sql",
  "./checks_kpis.sql",
  "./checks_ivi.sql",
  "./checks_stars.sql",
  "./checks_recommendations.sql",
];

async function goldenChecks(db: Db): Promise<CheckRow[]> {
  const fixtures = await Promise.all(LOGISTIC_FIXTURES.map((name) =>
    readLogisticFixture(
      new URL(`${name}.csv`, GOLDEN.logisticInputs),
      new URL(`${name}.json`, GOLDEN.logisticGoldens),
      name,
    )
  ));
  const logistic = logisticGoldenAgreement(fixtures);
  const forecastGolden = JSON.parse(await Deno.readTextFile(GOLDEN.forecast)) as ForecastGolden;
  const forecast = forecastGoldenAgreement(
    forecastGolden,
    (await queryRows(
      db,
      "select model, metric, value from star_forecast_backtest",
    )) as unknown as BacktestRow[],
  );
  const cutPoints = cutPointAgreement(
    readGoldenCutPoints(await Deno.readTextFile(GOLDEN.cutPoints)),
    (await queryRows(db, "select cms_id, pool, t2, t3, t4, t5 from stars_cut_points_2026")).map((r) => ({
      cms_id: String(r.cms_id),
      pool: String(r.pool),
      t: [r.t2, r.t3, r.t4, r.t5].map((v) => v === null ? null : Number(v)),
    })),
  );
  const logisticSource = "test/input/logistic, test/golden/logistic (scikit-learn)";
  return [
    {
      method: "next-month-risk",
      check_id: "sklearn_fits",
      description: "logistic fits compared with scikit-learn on the committed fixtures",
      value: logistic.fits,
      reference: LOGISTIC_FIXTURES.length * 3,
      tolerance: null,
      passed: logistic.fits === LOGISTIC_FIXTURES.length * 3,
      source: logisticSource,
    },
    {
      method: "next-month-risk",
      check_id: "sklearn_max_relative_diff",
      description: "largest relative coefficient difference from scikit-learn (both scales)",
      value: logistic.maxRelativeDiff,
      reference: 0,
      tolerance: 1e-6,
      passed: logistic.maxRelativeDiff <= 1e-6,
      source: logisticSource,
    },
    {
      method: "star-forecast",
      check_id: "golden_max_diff",
      description: "largest |this build's backtest metric − committed golden|",
      value: forecast.maxDiff,
      reference: 0,
      tolerance: 1e-4,
      passed: forecast.missing === 0 && forecast.maxDiff <= 1e-4,
      source: "star_forecast_backtest, test/output/star_forecast_backtest.json",
    },
    ...["train", "calibration", "test"].map((set): CheckRow => ({
      method: "star-forecast",
      check_id: `transitions_${set}`,
      description: `simulated contract-year transitions in the ${set} histories`,
      value: forecastGolden.transitions?.[set] ?? null,
      reference: null,
      tolerance: null,
      passed: null,
      source: "test/output/star_forecast_backtest.json",
    })),
    {
      method: "stars-engine",
      check_id: "cut_points_exact",
      description: "clustered 2026 thresholds equal to CMS's published ones",
      value: cutPoints.exact,
      reference: cutPoints.compared,
      tolerance: null,
      passed: null,
      source: "test/output/cut_points_2026.csv, stars_cut_points_2026",
    },
    {
      method: "stars-engine",
      check_id: "cut_points_within_one",
      description: "clustered 2026 thresholds within one point of CMS's published ones",
      value: cutPoints.withinOne,
      reference: cutPoints.compared,
      tolerance: 1,
      passed: null,
      source: "test/output/cut_points_2026.csv, stars_cut_points_2026",
    },
  ];
}

/** The final (guardrailed) thresholds of the cut-point golden CSV. */
export function readGoldenCutPoints(text: string): Thresholds[] {
  const [header, ...rows] = parseCsv(text).filter((r) => r.some((c) => c.trim() !== ""));
  const at = (name: string) => {
    const i = (header ?? []).indexOf(name);
    if (i < 0) throw new Error(`Cannot read the cut-point golden: no "${name}" column`);
    return i;
  };
  const [id, pool, t2, t3, t4, t5] = ["measure_id", "pool", "final_t2", "final_t3", "final_t4", "final_t5"]
    .map(at);
  return rows.map((r, i) => ({
    cms_id: r[id!] ?? "",
    pool: r[pool!] ?? "",
    t: [t2!, t3!, t4!, t5!].map((j) => {
      const cell = (r[j] ?? "").trim();
      if (cell === "") return null;
      const value = Number(cell);
      if (!Number.isFinite(value)) {
        throw new Error(
          `Cannot read the cut-point golden row ${i + 2}: column ${j + 1} is "${cell}", not a number`,
        );
      }
      return value;
    }),
  }));
}

/** Builds `validation_checks`, `output_tables` and `output_columns` for the pipeline's `outputs`. */
export async function buildValidation(
  db: Db,
  outputs: ReadonlyArray<readonly [string, string]>,
): Promise<void> {
  await createAndAppend<CheckRow>(db, "validation_checks", CHECK_COLUMNS, await goldenChecks(db));
  for (const file of SQL_CHECKS) {
    await db.con.run(`insert into validation_checks ${readSql(import.meta.url, file)}`);
  }
  await createAndAppend(
    db,
    "output_tables",
    [
      ["table_name", "varchar"],
      ["description", "varchar"],
      ["row_order", "varchar"],
    ],
    outputs.map(([table_name, row_order]) => ({
      table_name,
      description: TABLE_DESCRIPTIONS[table_name] ?? null,
      row_order,
    })),
  );
  await createAndAppend(db, "output_columns", [
    ["table_name", "varchar"],
    ["ordinal", "integer"],
    ["column_name", "varchar"],
    ["column_type", "varchar"],
  ], []);
  await db.con.run(`insert into output_columns ${readSql(import.meta.url, "./output_columns.sql")}`);
}
