import type { FitLogisticOptions } from "../logistic/fit_logistic.ts";
import { fitLogisticRegression, predictProbability } from "../logistic/logistic_regression.ts";
import { fitBaselines, persistenceProbability } from "./baselines.ts";
import { evaluate, type Evaluation } from "./evaluate.ts";
import type { FeatureRow } from "./feature_rows.ts";
import { selectC, type SelectCOptions } from "./select_c.ts";
import { isLabelled, trainingRows } from "./training_window.ts";
import { addMonths } from "./year_month.ts";

/** The model and its two baselines. */
export const MODELS = ["logistic", "persistence", "base_rate"] as const;
export type ModelName = typeof MODELS[number];

/** One backtest prediction: a company-month predicted at the close of `origin`. */
export interface BacktestPrediction {
  origin: string;
  companyId: string;
  outcome: 0 | 1;
  probability: Record<ModelName, number>;
}

/** What happened at one origin. */
export interface OriginResult {
  /** The month at whose close the prediction is made (feature month). */
  origin: string;
  /** The month predicted: origin + 1. */
  target: string;
  /** Training rows (months ≤ origin − 1) and their last month. */
  trainRows: number;
  trainThrough: string;
  /** The L2 strength used: `options.C`, or chosen on the training window when `selectC` is set. */
  C: number;
  converged: boolean;
  iterations: number;
  metrics: Record<ModelName, Evaluation>;
}

/** Options for {@linkcode rollingOriginBacktest}. */
export interface BacktestOptions extends FitLogisticOptions {
  /** Number of origins: the last N months with known outcomes (default 6). */
  origins?: number;
  /** Choose C at each origin by time-series cross-validation on its training window. */
  selectC?: SelectCOptions;
}

/** Result of {@linkcode rollingOriginBacktest}. */
export interface BacktestResult {
  origins: OriginResult[];
  /** Origins left out because their training window lacked one of the classes. */
  skipped: string[];
  predictions: BacktestPrediction[];
  /** Metrics over all origins' predictions pooled; null when no origin could be evaluated. */
  pooled: Record<ModelName, Evaluation> | null;
}

/**
 * Rolling-origin (expanding-window) backtest. The origins are the last `origins` months that have
 * known outcomes. At each origin o the model and baselines are fitted on the rows with month ≤ o − 1
 * (their labels, month ≤ o, are known at the close of o; see `trainingRows`), feature
 * standardisation and (with `selectC`) the choice of C included, and predict o's rows, which are
 * scored against High risk in o + 1.
 * Predictions from all origins are also pooled and scored together.
 */
export function rollingOriginBacktest(
  rows: readonly FeatureRow[],
  options: BacktestOptions = {},
): BacktestResult {
  const n = options.origins ?? 6;
  const labelledMonths = [...new Set(rows.filter(isLabelled).map((r) => r.yearMonth))].sort();
  const candidates = labelledMonths.slice(Math.max(0, labelledMonths.length - n));
  const origins: OriginResult[] = [];
  const skipped: string[] = [];
  const predictions: BacktestPrediction[] = [];
  for (const origin of candidates) {
    const train = trainingRows(rows, origin);
    const classes = new Set(train.map((r) => r.highRiskNext));
    const test = rows.filter((r) => r.yearMonth === origin && isLabelled(r));
    if (classes.size < 2 || test.length === 0) {
      skipped.push(origin);
      continue;
    }
    const C = options.selectC ? selectC(train, { ...options, ...options.selectC }).C : options.C ?? 1;
    const model = fitLogisticRegression(train.map((r) => r.x), train.map((r) => r.highRiskNext), {
      ...options,
      C,
    });
    const baselines = fitBaselines(train);
    const logistic = predictProbability(model, test.map((r) => r.x!));
    const batch = test.map((r, i): BacktestPrediction => ({
      origin,
      companyId: r.companyId,
      outcome: r.highRiskNext!,
      probability: {
        logistic: logistic[i]!,
        persistence: persistenceProbability(baselines, r.highRiskNow),
        base_rate: baselines.baseRate,
      },
    }));
    predictions.push(...batch);
    origins.push({
      origin,
      target: addMonths(origin, 1),
      trainRows: train.length,
      trainThrough: train.reduce((m, r) => (r.yearMonth > m ? r.yearMonth : m), ""),
      C,
      converged: model.converged,
      iterations: model.iterations,
      metrics: scoreAll(batch),
    });
  }
  return { origins, skipped, predictions, pooled: predictions.length > 0 ? scoreAll(predictions) : null };
}

function scoreAll(batch: readonly BacktestPrediction[]): Record<ModelName, Evaluation> {
  const y = batch.map((p) => p.outcome);
  return Object.fromEntries(
    MODELS.map((m) => [m, evaluate(y, batch.map((p) => p.probability[m]))]),
  ) as Record<
    ModelName,
    Evaluation
  >;
}
