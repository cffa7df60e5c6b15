/**
 * Pipeline step for the next-month company risk model: reads `company_month_features`, backtests
 * the model against its baselines, fits on all labelled history and writes the prediction,
 * backtest, calibration, coefficient and model tables.
 */
import { createAndAppend } from "../../loaders/lib/append.ts";
import type { Db } from "../../loaders/lib/duckdb.ts";
import { fitLogisticRegression, predictLogOdds } from "../logistic/logistic_regression.ts";
import { sigmoid } from "../logistic/sigmoid.ts";
import { calibrationCurve, type CalibrationStrategy } from "../metrics/calibration_curve.ts";
import { type BacktestOptions, type ModelName, MODELS, rollingOriginBacktest } from "./backtest.ts";
import { contributions, topDrivers } from "./drivers.ts";
import type { Evaluation } from "./evaluate.ts";
import { type ReadFeatureOptions, readFeatureRows } from "./feature_rows.ts";
import { selectC } from "./select_c.ts";
import { isLabelled } from "./training_window.ts";
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
  trainedThrough: string;
  featureMonth: string;
  predictedMonth: string;
  predictions: number;
  C: number;
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

const INTERCEPT = "(intercept)";

/**
 * Builds the next-month risk tables from `company_month_features` in `db`:
 *
 * - `company_risk_predictions` — one row per company with features in the latest month: the
 *   probability of being High risk in the month after (`year_month`), its rank (1 = riskiest, ties
 *   by company_id) and the top drivers with their log-odds contributions;
 * - `risk_drivers` — one row per company and feature: value and contribution to the log-odds;
 * - `risk_backtest` — one row per origin (and once pooled) and model (logistic, persistence,
 *   base_rate): ROC-AUC, PR-AUC, Brier score, top-decile precision and lift;
 * - `risk_calibration` — one row per model, bin strategy and non-empty bin of the pooled backtest;
 * - `risk_coefficients` — one row per term: coefficient per unit and per SD, odds ratios;
 * - `risk_model` — one row: fit settings, convergence and the backtest verdict.
 *
 * The final model is fitted on every labelled row (all months whose next month is known).
 */
export async function buildNextMonthRisk(
  db: Db,
  options: NextMonthRiskOptions = {},
): Promise<NextMonthRiskSummary> {
  const { features, rows } = await readFeatureRows(db, options);
  const train = rows.filter(isLabelled);
  if (train.length === 0) {
    throw new Error("Cannot build next-month risk: no row has complete features and a known label");
  }
  const featureMonth = rows.reduce((m, r) => (r.yearMonth > m ? r.yearMonth : m), "");
  const predictedMonth = addMonths(featureMonth, 1);
  const trainedThrough = train.reduce((m, r) => (r.yearMonth > m ? r.yearMonth : m), "");
  const selection = options.C === undefined ? selectC(train, { ...options, ...options.selectC }) : null;
  const C = selection?.C ?? options.C!;
  const model = fitLogisticRegression(train.map((r) => r.x), train.map((r) => r.highRiskNext), {
    ...options,
    C,
  });

  const current = rows.filter((r) => r.yearMonth === featureMonth && r.x !== null);
  const logOdds = predictLogOdds(model, current.map((r) => r.x!));
  const explained = current.map((r, i) => ({
    row: r,
    logOdds: logOdds[i]!,
    probability: sigmoid(logOdds[i]!),
    parts: contributions(model, features, r.x!),
  })).sort((a, b) => b.probability - a.probability || (a.row.companyId < b.row.companyId ? -1 : 1));
  const k = options.drivers ?? 3;
  const driverColumns = Array.from({ length: k }, (_, j) => [
    [`driver_${j + 1}`, "varchar"] as const,
    [`driver_${j + 1}_log_odds`, "double"] as const,
  ]).flat();
  await createAndAppend<Record<string, unknown>>(
    db,
    "company_risk_predictions",
    [
      ["company_id", "varchar"],
      ["year_month", "varchar"],
      ["feature_month", "varchar"],
      ["member_months", "double"],
      ["probability", "double"],
      ["log_odds", "double"],
      ["risk_rank", "integer"],
      ...driverColumns,
    ],
    explained.map((e, i) => {
      const row: Record<string, unknown> = {
        company_id: e.row.companyId,
        year_month: predictedMonth,
        feature_month: featureMonth,
        member_months: e.row.memberMonths,
        probability: e.probability,
        log_odds: e.logOdds,
        risk_rank: i + 1,
      };
      topDrivers(e.parts, k).forEach((d, j) => {
        row[`driver_${j + 1}`] = d.feature;
        row[`driver_${j + 1}_log_odds`] = d.contribution;
      });
      return row;
    }),
  );
  await createAndAppend<Record<string, unknown>>(
    db,
    "risk_drivers",
    [["company_id", "varchar"], ["year_month", "varchar"], ["feature", "varchar"], ["value", "double"], [
      "contribution",
      "double",
    ]],
    explained.flatMap((e) =>
      e.parts.map((c) => ({
        company_id: e.row.companyId,
        year_month: predictedMonth,
        feature: c.feature,
        value: c.value,
        contribution: c.contribution,
      }))
    ),
  );

  const { means, scales } = model.standardizer;
  await createAndAppend<Record<string, unknown>>(
    db,
    "risk_coefficients",
    [
      ["term", "integer"],
      ["feature", "varchar"],
      ["coefficient", "double"],
      ["odds_ratio", "double"],
      ["coefficient_std", "double"],
      ["odds_ratio_per_sd", "double"],
      ["training_mean", "double"],
      ["training_sd", "double"],
    ],
    [
      { term: 0, feature: INTERCEPT, coefficient: model.intercept, coefficient_std: model.interceptStd },
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
    ],
  );

  const backtest = rollingOriginBacktest(rows, {
    ...options,
    selectC: options.C === undefined ? options.selectC ?? {} : undefined,
  });
  const metricColumns = [
    ["rows", "integer"],
    ["positives", "integer"],
    ["prevalence", "double"],
    ["mean_predicted", "double"],
    ["roc_auc", "double"],
    ["pr_auc", "double"],
    ["brier", "double"],
    ["calibration_slope", "double"],
    ["calibration_intercept", "double"],
    ["top_decile_precision", "double"],
    ["top_decile_lift", "double"],
  ] as const;
  const metricValues = (e: Evaluation) => ({
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
  });
  const byModel = [...MODELS].sort();
  await createAndAppend<Record<string, unknown>>(
    db,
    "risk_backtest",
    [
      ["scope", "varchar"],
      ["origin_month", "varchar"],
      ["target_month", "varchar"],
      ["model", "varchar"],
      ["train_rows", "integer"],
      ["c", "double"],
      ...metricColumns,
      ["converged", "boolean"],
    ],
    [
      ...backtest.origins.flatMap((o) =>
        byModel.map((m) => ({
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
        ? byModel.map((m) => ({ scope: "pooled", model: m, ...metricValues(backtest.pooled![m]) }))
        : []),
    ],
  );

  const bins = options.calibrationBins ?? 10;
  const y = backtest.predictions.map((p) => p.outcome);
  await createAndAppend<Record<string, unknown>>(
    db,
    "risk_calibration",
    [
      ["model", "varchar"],
      ["strategy", "varchar"],
      ["bin", "integer"],
      ["lower", "double"],
      ["upper", "double"],
      ["rows", "integer"],
      ["mean_predicted", "double"],
      ["fraction_positive", "double"],
    ],
    y.length === 0
      ? []
      : byModel.flatMap((m) =>
        (["quantile", "uniform"] as CalibrationStrategy[]).flatMap((strategy) =>
          calibrationCurve(y, backtest.predictions.map((p) => p.probability[m]), bins, strategy).map((b) => ({
            model: m,
            strategy,
            bin: b.bin,
            lower: b.lower,
            upper: b.upper,
            rows: b.count,
            mean_predicted: b.meanPredicted,
            fraction_positive: b.fractionPositive,
          }))
        )
      ),
  );

  const verdict = backtestVerdict(backtest.pooled);
  await createAndAppend<Record<string, unknown>>(
    db,
    "risk_model",
    [
      ["target", "varchar"],
      ["predicted_month", "varchar"],
      ["trained_through", "varchar"],
      ["train_rows", "integer"],
      ["rows_missing_features", "integer"],
      ["features", "integer"],
      ["c", "double"],
      ["c_selection", "varchar"],
      ["converged", "boolean"],
      ["iterations", "integer"],
      ["gradient_max", "double"],
      ["backtest_origins", "integer"],
      ["backtest_skipped", "varchar"],
      ["verdict", "varchar"],
    ],
    [{
      target: "high_risk_next",
      predicted_month: predictedMonth,
      trained_through: trainedThrough,
      train_rows: train.length,
      rows_missing_features: rows.filter((r) => r.x === null).length,
      features: features.length,
      c: C,
      c_selection: selection
        ? `time-series CV over ${selection.folds.join(", ") || "no usable fold"}: ` +
          selection.scores.map((s) => `C ${s.C} log-loss ${s.logLoss?.toFixed(4) ?? "n/a"}`).join("; ")
        : "fixed",
      converged: model.converged,
      iterations: model.iterations,
      gradient_max: model.gradientMax,
      backtest_origins: backtest.origins.length,
      backtest_skipped: backtest.skipped.join(", "),
      verdict,
    }],
  );
  return {
    features,
    trainRows: train.length,
    trainedThrough,
    featureMonth,
    predictedMonth,
    predictions: explained.length,
    C,
    converged: model.converged,
    pooled: backtest.pooled,
    verdict,
  };
}

/**
 * States, from the pooled backtest, where the model beats each baseline: higher ROC-AUC, higher
 * PR-AUC, lower Brier score. Says plainly when it does not.
 */
export function backtestVerdict(pooled: Record<ModelName, Evaluation> | null): string {
  if (pooled === null) return "No backtest origin could be evaluated.";
  const m = pooled.logistic;
  const parts = (["persistence", "base_rate"] as const).map((b) => {
    const base = pooled[b];
    const name = b === "base_rate" ? "the base rate" : "persistence";
    const wins: string[] = [], losses: string[] = [];
    const cmp = (label: string, better: boolean | null) => {
      if (better !== null) (better ? wins : losses).push(label);
    };
    cmp("ROC-AUC", m.rocAuc !== null && base.rocAuc !== null ? m.rocAuc > base.rocAuc : null);
    cmp("PR-AUC", m.prAuc !== null && base.prAuc !== null ? m.prAuc > base.prAuc : null);
    cmp("Brier score", m.brier < base.brier);
    if (losses.length === 0) return `beats ${name} on ${wins.join(", ")}`;
    if (wins.length === 0) return `does not beat ${name} on any of ROC-AUC, PR-AUC or Brier score`;
    return `beats ${name} on ${wins.join(", ")} but not on ${losses.join(", ")}`;
  });
  return `In the pooled backtest the model ${parts.join("; it ")}.`;
}
