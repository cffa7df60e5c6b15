/**
 * Pipeline step for the next-month company risk model: reads `company_month_features`, backtests
 * the model against its baselines, fits on all labelled history and writes the prediction,
 * driver, backtest, calibration, coefficient and model tables.
 */
import { createAndAppend } from "../../loaders/lib/append.ts";
import type { Db } from "../../loaders/lib/duckdb.ts";
import {
  fitLogisticRegression,
  type LogisticModel,
  predictLogOdds,
} from "../logistic/logistic_regression.ts";
import { sigmoid } from "../logistic/sigmoid.ts";
import { calibrationCurve, type CalibrationStrategy } from "../metrics/calibration_curve.ts";
import {
  type BacktestOptions,
  type BacktestResult,
  type ModelName,
  MODELS,
  rollingOriginBacktest,
} from "./backtest.ts";
import { contributions, topDrivers } from "./drivers.ts";
import type { Evaluation } from "./evaluate.ts";
import { type FeatureRow, type ReadFeatureOptions, readFeatureRows } from "./feature_rows.ts";
import {
  BACKTEST_COLUMNS,
  CALIBRATION_COLUMNS,
  COEFFICIENT_COLUMNS,
  type Columns,
  DRIVER_COLUMNS,
  MODEL_COLUMNS,
  predictionColumns,
} from "./output_tables.ts";
import { selectC, type SelectCResult } from "./select_c.ts";
import { isLabelled } from "./training_window.ts";
import { backtestVerdict } from "./verdict.ts";
import { addMonths } from "./year_month.ts";

/** Options for {@linkcode buildNextMonthRisk}. */
export interface NextMonthRiskOptions extends BacktestOptions, ReadFeatureOptions {
  /** Drivers named per company in `company_risk_predictions` (default 3). */
  drivers?: number;
  /**
   * Fixed L2 strength. When absent, C is chosen by time-series cross-validation on the training
   * window (`selectC`, grid 0.01, 0.1, 1, 10), for the final fit and at each backtest origin.
   */
  C?: number;
  /** Bins of each calibration curve (default 10). */
  calibrationBins?: number;
}

/** What {@linkcode buildNextMonthRisk} did, for logs and the model card. */
export interface NextMonthRiskSummary {
  features: string[];
  trainRows: number;
  trainedThrough: string | null;
  featureMonth: string;
  predictedMonth: string;
  predictions: number;
  /** The L2 strength of the final fit; null when no model could be fitted. */
  C: number | null;
  converged: boolean;
  pooled: Record<ModelName, Evaluation> | null;
  verdict: string;
}

/** Tables written by {@linkcode buildNextMonthRisk}, each with the columns that fix its row order. */
export const NEXT_MONTH_RISK_OUTPUTS: ReadonlyArray<readonly [string, string]> = [
  ["company_risk_predictions", "risk_rank"],
  ["risk_drivers", "company_id, feature"],
  ["risk_backtest", "scope desc, origin_month, model"],
  ["risk_calibration", "model, strategy, bin"],
  ["risk_coefficients", "term"],
  ["risk_model", "predicted_month"],
];

type Row = Record<string, unknown>;

/**
 * Builds the next-month risk tables from `company_month_features` in `db`:
 *
 * - `company_risk_predictions` — one row per company with features in the latest month: the
 *   probability of being High risk in the month after (`year_month`), its rank (1 = riskiest, ties
 *   by company_id) and the top drivers with their log-odds contributions;
 * - `risk_drivers` — one row per company and feature: value and contribution to the log-odds;
 * - `risk_backtest` — one row per origin (and once pooled) and model (logistic, persistence,
 *   base_rate): ROC-AUC, PR-AUC, Brier score, calibration, top-decile precision and lift;
 * - `risk_calibration` — one row per model, bin strategy and non-empty bin of the pooled backtest;
 * - `risk_coefficients` — one row per term: coefficient per unit and per SD, odds ratios;
 * - `risk_model` — one row: fit settings, convergence and the backtest verdict.
 *
 * The final model is fitted on every labelled row (all months whose next month is known). When the
 * labelled history holds one class only (no company was ever High risk, say) no model can be
 * fitted: the tables are written empty and `risk_model.verdict` says why.
 */
export async function buildNextMonthRisk(
  db: Db,
  options: NextMonthRiskOptions = {},
): Promise<NextMonthRiskSummary> {
  const { features, rows } = await readFeatureRows(db, options);
  if (rows.length === 0) throw new Error("Cannot build next-month risk: company_month_features has no rows");
  const write = (table: string, columns: Columns, data: readonly Row[]) =>
    createAndAppend<Row>(db, table, columns, data);
  const drivers = options.drivers ?? 3;
  const train = rows.filter(isLabelled);
  const featureMonth = latestMonth(rows)!;
  const predictedMonth = addMonths(featureMonth, 1);
  const trainedThrough = latestMonth(train);
  const described = {
    target: "high_risk_next",
    predicted_month: predictedMonth,
    trained_through: trainedThrough,
    train_rows: train.length,
    rows_missing_features: rows.filter((r) => r.x === null).length,
    features: features.length,
  };
  const summary = { features, trainRows: train.length, trainedThrough, featureMonth, predictedMonth };

  const classes = new Set(train.map((r) => r.highRiskNext));
  if (classes.size < 2) {
    const verdict = `Not fitted: ${
      train.length === 0
        ? "no company-month has complete features and a known next month"
        : `every labelled company-month has high_risk_next = ${train[0]!.highRiskNext}`
    }.`;
    for (const [table, columns] of emptyTables(drivers)) await write(table, columns, []);
    await write("risk_model", MODEL_COLUMNS, [{
      ...described,
      converged: false,
      backtest_origins: 0,
      verdict,
    }]);
    return { ...summary, predictions: 0, C: null, converged: false, pooled: null, verdict };
  }

  const selection = options.C === undefined ? selectC(train, { ...options, ...options.selectC }) : null;
  const C = selection?.C ?? options.C!;
  const model = fitLogisticRegression(train.map((r) => r.x), train.map((r) => r.highRiskNext), {
    ...options,
    C,
  });
  const predicted = predictLatest(model, features, rows, featureMonth);
  await write(
    "company_risk_predictions",
    predictionColumns(drivers),
    predicted.map((e, i) => {
      const row: Row = {
        company_id: e.row.companyId,
        year_month: predictedMonth,
        feature_month: featureMonth,
        member_months: e.row.memberMonths,
        probability: e.probability,
        log_odds: e.logOdds,
        risk_rank: i + 1,
      };
      topDrivers(e.parts, drivers).forEach((d, j) => {
        row[`driver_${j + 1}`] = d.feature;
        row[`driver_${j + 1}_log_odds`] = d.contribution;
      });
      return row;
    }),
  );
  await write(
    "risk_drivers",
    DRIVER_COLUMNS,
    predicted.flatMap((e) =>
      e.parts.map((c) => ({
        company_id: e.row.companyId,
        year_month: predictedMonth,
        feature: c.feature,
        value: c.value,
        contribution: c.contribution,
      }))
    ),
  );
  await write("risk_coefficients", COEFFICIENT_COLUMNS, coefficientRows(model, features));

  const backtest = rollingOriginBacktest(rows, {
    ...options,
    selectC: options.C === undefined ? options.selectC ?? {} : undefined,
  });
  await write("risk_backtest", BACKTEST_COLUMNS, backtestRows(backtest));
  await write(
    "risk_calibration",
    CALIBRATION_COLUMNS,
    calibrationRows(backtest, options.calibrationBins ?? 10),
  );
  const verdict = backtestVerdict(backtest.pooled);
  await write("risk_model", MODEL_COLUMNS, [{
    ...described,
    c: C,
    c_selection: selection ? describeSelection(selection) : "fixed",
    converged: model.converged,
    iterations: model.iterations,
    gradient_max: model.gradientMax,
    backtest_origins: backtest.origins.length,
    backtest_skipped: backtest.skipped.join(", "),
    verdict,
  }]);
  return {
    ...summary,
    predictions: predicted.length,
    C,
    converged: model.converged,
    pooled: backtest.pooled,
    verdict,
  };
}

function latestMonth(rows: readonly FeatureRow[]): string | null {
  return rows.reduce<string | null>((m, r) => (m === null || r.yearMonth > m ? r.yearMonth : m), null);
}

function emptyTables(drivers: number): [string, Columns][] {
  return [
    ["company_risk_predictions", predictionColumns(drivers)],
    ["risk_drivers", DRIVER_COLUMNS],
    ["risk_coefficients", COEFFICIENT_COLUMNS],
    ["risk_backtest", BACKTEST_COLUMNS],
    ["risk_calibration", CALIBRATION_COLUMNS],
  ];
}

/** The latest month's companies with complete features, riskiest first (ties by company_id). */
function predictLatest(
  model: LogisticModel,
  features: readonly string[],
  rows: readonly FeatureRow[],
  month: string,
) {
  const current = rows.filter((r) => r.yearMonth === month && r.x !== null);
  const logOdds = predictLogOdds(model, current.map((r) => r.x!));
  return current.map((row, i) => ({
    row,
    logOdds: logOdds[i]!,
    probability: sigmoid(logOdds[i]!),
    parts: contributions(model, features, row.x!),
  })).sort((a, b) => b.probability - a.probability || (a.row.companyId < b.row.companyId ? -1 : 1));
}

function coefficientRows(model: LogisticModel, features: readonly string[]): Row[] {
  const { means, scales } = model.standardizer;
  return [
    { term: 0, feature: "(intercept)", coefficient: model.intercept, coefficient_std: model.interceptStd },
    ...features.map((feature, j) => ({
      term: j + 1,
      feature,
      coefficient: model.coefficients[j]!,
      odds_ratio: Math.exp(model.coefficients[j]!),
      coefficient_std: model.coefficientsStd[j]!,
      odds_ratio_per_sd: Math.exp(model.coefficientsStd[j]!),
      training_mean: means[j]!,
      training_sd: scales[j]!,
    })),
  ];
}

function metricValues(e: Evaluation): Row {
  return {
    rows: e.rows,
    positives: e.positives,
    prevalence: e.prevalence,
    mean_predicted: e.meanPredicted,
    roc_auc: e.rocAuc,
    pr_auc: e.prAuc,
    brier: e.brier,
    calibration_slope: e.calibrationSlope,
    calibration_intercept: e.calibrationIntercept,
    top_decile_precision: e.topDecilePrecision,
    top_decile_lift: e.topDecileLift,
  };
}

const BY_NAME = [...MODELS].sort();

function backtestRows(backtest: BacktestResult): Row[] {
  return [
    ...backtest.origins.flatMap((o) =>
      BY_NAME.map((m) => ({
        scope: "origin",
        origin_month: o.origin,
        target_month: o.target,
        model: m,
        train_rows: o.trainRows,
        c: m === "logistic" ? o.C : null,
        ...metricValues(o.metrics[m]),
        converged: m === "logistic" ? o.converged : null,
      }))
    ),
    ...(backtest.pooled
      ? BY_NAME.map((m) => ({ scope: "pooled", model: m, ...metricValues(backtest.pooled![m]) }))
      : []),
  ];
}

function calibrationRows(backtest: BacktestResult, bins: number): Row[] {
  const y = backtest.predictions.map((p) => p.outcome);
  if (y.length === 0) return [];
  return BY_NAME.flatMap((model) =>
    (["quantile", "uniform"] as CalibrationStrategy[]).flatMap((strategy) =>
      calibrationCurve(y, backtest.predictions.map((p) => p.probability[model]), bins, strategy).map((b) => ({
        model,
        strategy,
        bin: b.bin,
        lower: b.lower,
        upper: b.upper,
        rows: b.count,
        mean_predicted: b.meanPredicted,
        fraction_positive: b.fractionPositive,
      }))
    )
  );
}

function describeSelection(selection: SelectCResult): string {
  const folds = selection.folds.join(", ") || "no usable fold";
  const scores = selection.scores.map((s) => `C ${s.C} log-loss ${s.logLoss?.toFixed(4) ?? "n/a"}`);
  return `time-series CV over ${folds}: ${scores.join("; ")}`;
}
