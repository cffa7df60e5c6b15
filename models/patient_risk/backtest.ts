import { fitLogisticRegression, predictProbability } from "../logistic/logistic_regression.ts";
import { type CalibrationBin, calibrationCurve } from "../metrics/calibration_curve.ts";
import { topFraction } from "../metrics/top_fraction.ts";
import { evaluate, type Evaluation } from "../next_month_risk/evaluate.ts";
import { fitForest, type ForestOptions } from "./forest.ts";
import type { RiskRow } from "./features.ts";
import { assignTier, percentiles, type Tier } from "./tiers.ts";
import { FEATURE_NAMES } from "./features.ts";

/** The two candidate models and the baseline they must beat. */
export const CARE_MODELS = ["logistic", "forest", "er_last_3m"] as const;
export type CareModel = typeof CARE_MODELS[number];

/** {@linkcode evaluate}'s metrics plus precision and lift in the top 5%. */
export type CareEvaluation = Evaluation & { top5Precision: number; top5Lift: number | null };

/** A model scored on one test origin (or pooled over all of them, `origin` null). */
export interface CareBacktestRow {
  origin: string | null;
  model: CareModel;
  evaluation: CareEvaluation;
}

/** Options of {@linkcode backtestPatientRisk}. */
export interface CareBacktestOptions {
  /** How many of the latest labelled origins are test origins. */
  testOrigins?: number;
  /** Inverse L2 strength of the logistic regression. */
  C?: number;
  forest?: ForestOptions;
}

/** Result of {@linkcode backtestPatientRisk}. */
export interface CareBacktest {
  rows: CareBacktestRow[];
  calibration: { model: CareModel; bins: CalibrationBin[] }[];
  /** Per model: each pooled test row's tier (rule applied per origin) and outcome. */
  tiers: Record<CareModel, { tier: Tier; y: number; p: number }[]>;
}

/** Evaluates probabilities with {@linkcode evaluate} and adds the top-5% precision and lift. */
export function evaluateCare(y: readonly number[], p: readonly number[]): CareEvaluation {
  const top = topFraction(y, p, 0.05);
  return { ...evaluate(y, p), top5Precision: top.precision, top5Lift: top.lift };
}

const ER_3M = FEATURE_NAMES.indexOf("er_visits_3m");

/** A fitted model of each kind, as a function from feature rows to probabilities. */
export function fitCareModels(
  train: readonly RiskRow[],
  options: CareBacktestOptions = {},
): Record<CareModel, (x: readonly (readonly number[])[]) => number[]> {
  const x = train.map((r) => r.x);
  const y = train.map((r) => r.y!);
  const logistic = fitLogisticRegression(x, y, { C: options.C ?? 1 });
  const forest = fitForest(x, y, options.forest);
  const rate = (er: boolean) => {
    const group = train.filter((r) => (r.x[ER_3M]! > 0) === er);
    return group.length ? group.reduce((s, r) => s + r.y!, 0) / group.length : 0;
  };
  const withEr = rate(true), withoutEr = rate(false);
  return {
    logistic: (rows) => predictProbability(logistic, rows),
    forest: (rows) => forest.predict(rows),
    er_last_3m: (rows) => rows.map((r) => (r[ER_3M]! > 0 ? withEr : withoutEr)),
  };
}

/**
 * Rolling-origin backtest with an expanding window. Origins are three months apart, so the
 * outcome window of every origin before a test origin o has closed by o: each model is fitted on
 * the labelled rows of the origins before o and predicts the rows at o, scored against their
 * outcome. The baseline "ER visit in the last 3 months" is a probability: the training event rate
 * of members with and without such a visit. Each test origin's tiers use the same model's scores
 * at the origin before it for "rising". Metrics per origin and pooled over the test origins.
 */
export function backtestPatientRisk(
  rows: readonly RiskRow[],
  options: CareBacktestOptions = {},
): CareBacktest {
  const labelledOrigins = [...new Set(rows.filter((r) => r.y !== null).map((r) => r.origin))].sort();
  const tests = labelledOrigins.slice(1).slice(-(options.testOrigins ?? 4));
  const out: CareBacktestRow[] = [];
  const pooled = Object.fromEntries(
    CARE_MODELS.map((m) => [m, { y: [] as number[], p: [] as number[] }]),
  ) as Record<
    CareModel,
    { y: number[]; p: number[] }
  >;
  const tiers: CareBacktest["tiers"] = { logistic: [], forest: [], er_last_3m: [] };
  for (const origin of tests) {
    const train = rows.filter((r) => r.y !== null && r.origin < origin);
    const test = rows.filter((r) => r.origin === origin);
    const before = labelledOrigins[labelledOrigins.indexOf(origin) - 1]!;
    const previousRows = rows.filter((r) => r.origin === before);
    const models = fitCareModels(train, options);
    const y = test.map((r) => r.y!);
    for (const model of CARE_MODELS) {
      const p = models[model](test.map((r) => r.x));
      out.push({ origin, model, evaluation: evaluateCare(y, p) });
      pooled[model].y.push(...y);
      pooled[model].p.push(...p);
      const prevPct = new Map<string, number>();
      const prevP = models[model](previousRows.map((r) => r.x));
      percentiles(prevP).forEach((v, i) => prevPct.set(previousRows[i]!.memberId, v));
      percentiles(p).forEach((v, i) => {
        tiers[model].push({
          tier: assignTier(v, prevPct.get(test[i]!.memberId) ?? null),
          y: y[i]!,
          p: p[i]!,
        });
      });
    }
  }
  const calibration: CareBacktest["calibration"] = [];
  if (tests.length > 0) {
    for (const model of CARE_MODELS) {
      out.push({ origin: null, model, evaluation: evaluateCare(pooled[model].y, pooled[model].p) });
      calibration.push({ model, bins: calibrationCurve(pooled[model].y, pooled[model].p, 10, "quantile") });
    }
  }
  return { rows: out, calibration, tiers };
}
