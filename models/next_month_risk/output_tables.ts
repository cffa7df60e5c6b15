/** Column layouts of the tables the next-month risk step writes. */
import type { AppendType } from "../../loaders/lib/append.ts";

/** Ordered column names and types of one table. */
export type Columns = ReadonlyArray<readonly [string, AppendType]>;

/** `company_risk_predictions`: one row per company predicted, with `drivers` named drivers. */
export function predictionColumns(drivers: number): Columns {
  return [
    ["company_id", "varchar"],
    ["year_month", "varchar"],
    ["feature_month", "varchar"],
    ["member_months", "double"],
    ["probability", "double"],
    ["log_odds", "double"],
    ["risk_rank", "integer"],
    ...Array.from({ length: drivers }, (_, j) =>
      [
        [`driver_${j + 1}`, "varchar"] as const,
        [`driver_${j + 1}_log_odds`, "double"] as const,
      ] as const).flat(),
  ];
}

/** `risk_drivers`: one row per predicted company and feature. */
export const DRIVER_COLUMNS: Columns = [
  ["company_id", "varchar"],
  ["year_month", "varchar"],
  ["feature", "varchar"],
  ["value", "double"],
  ["contribution", "double"],
];

/** `risk_coefficients`: one row per term, the intercept as term 0. */
export const COEFFICIENT_COLUMNS: Columns = [
  ["term", "integer"],
  ["feature", "varchar"],
  ["coefficient", "double"],
  ["odds_ratio", "double"],
  ["coefficient_std", "double"],
  ["odds_ratio_per_sd", "double"],
  ["training_mean", "double"],
  ["training_sd", "double"],
];

/** `risk_backtest`: one row per origin (or pooled) and model. */
export const BACKTEST_COLUMNS: Columns = [
  ["scope", "varchar"],
  ["origin_month", "varchar"],
  ["target_month", "varchar"],
  ["model", "varchar"],
  ["train_rows", "integer"],
  ["c", "double"],
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
  ["converged", "boolean"],
];

/** `risk_calibration`: one row per model, bin strategy and non-empty bin. */
export const CALIBRATION_COLUMNS: Columns = [
  ["model", "varchar"],
  ["strategy", "varchar"],
  ["bin", "integer"],
  ["lower", "double"],
  ["upper", "double"],
  ["rows", "integer"],
  ["mean_predicted", "double"],
  ["fraction_positive", "double"],
];

/** `risk_model`: one row describing the fit and the backtest verdict. */
export const MODEL_COLUMNS: Columns = [
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
];
