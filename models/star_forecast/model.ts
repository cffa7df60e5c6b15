/**
 * Next year's overall Star Rating: a model trained on simulated national histories predicts the change of the
 * unrounded overall value — least squares on the features by default, or a seeded random forest
 * (`ml-random-forest`); the point forecast is the half-star rounding of value + predicted change, and the
 * interval and P(≥ 4★) come from the residuals on separate calibration histories (split conformal), with the
 * residual quantiles chosen so the half-star interval covers the target share of calibration outcomes.
 * Backtested on further held-out histories against "same rating as this year".
 */
import { RandomForestRegression } from "ml-random-forest";
import { roundToHalfStar } from "../../src/lib/stars/rounding.ts";
import { type FeatureContext, forecastFeatures } from "./features.ts";
import { fitLinear } from "./linear.ts";
import { measureStats, type NationalSeed, type SimulatedYear, simulateHistory } from "./simulate.ts";

/** How {@link trainStarForecast} runs; every number is part of the model card. */
export interface ForecastOptions {
  /** Seeds of the training, calibration and test histories. */
  trainSeeds: readonly number[];
  calibrationSeeds: readonly number[];
  testSeeds: readonly number[];
  /** Simulated years after the seed year in each history (each gives one transition per contract). */
  years: number;
  /** Share of next-year ratings the interval should cover (default 0.8). */
  coverage?: number;
  /** `linear` (least squares, default) or `forest` (`ml-random-forest`; minutes of CPU on this data). */
  kind?: "linear" | "forest";
  trees?: number;
  maxDepth?: number;
  forestSeed?: number;
}

/** The defaults the pipeline uses. */
export const DEFAULT_FORECAST_OPTIONS: ForecastOptions = {
  trainSeeds: [101, 102],
  calibrationSeeds: [201],
  testSeeds: [301, 302],
  years: 3,
  coverage: 0.8,
  kind: "linear",
  trees: 40,
  maxDepth: 8,
  forestSeed: 20261,
};

/** A forecast for one contract. */
export interface StarForecast {
  /** Half stars. */
  point: number;
  low: number;
  high: number;
  /** Share of calibration outcomes at 4 stars or more, given this prediction. */
  pAtLeastFour: number;
  /** Predicted unrounded overall value next year. */
  value: number;
}

/** Backtest figures on the held-out histories (rounded to 4 decimals). */
export interface BacktestMetrics {
  transitions: { train: number; calibration: number; test: number };
  model: { mae: number; exact: number; withinHalf: number; coverage: number; meanWidth: number };
  baseline: { mae: number; exact: number; withinHalf: number };
  interval: { target: number; residualLow: number; residualHigh: number; calibrationCoverage: number };
}

/** A trained forecaster. */
export interface StarForecaster {
  predict(features: readonly number[]): StarForecast;
  metrics: BacktestMetrics;
}

interface Row {
  x: number[];
  value: number;
  stars: number;
  nextValue: number;
  nextStars: number;
}

function contextOf(
  seed: NationalSeed,
  year: SimulatedYear,
  sds: ReturnType<typeof measureStats>,
): FeatureContext {
  const stats = new Map([...sds].map(([k, s]) => [k, { mean: year.means.get(k) ?? s.mean, sd: s.sd }]));
  return { catalogue: seed.catalogue, stats, correlation: seed.correlation, cutPoints: year.cutPoints };
}

/** Rows (features this year → overall next year) of one simulated history. */
function historyRows(seed: NationalSeed, history: SimulatedYear[]): Row[] {
  const sds = measureStats(seed.contracts);
  const rows: Row[] = [];
  for (let t = 0; t + 1 < history.length; t++) {
    const ctx = contextOf(seed, history[t]!, sds);
    history[t]!.contracts.forEach((c, i) => {
      const next = history[t + 1]!.contracts[i]!.ratings.overall;
      const x = forecastFeatures(c, ctx);
      if (!x || next.stars === null || next.value === undefined) return;
      rows.push({ x, value: x[0]!, stars: x[1]!, nextValue: next.value, nextStars: next.stars });
    });
  }
  return rows;
}

function quantile(sorted: readonly number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
  return sorted[i]!;
}

const r4 = (x: number) => Math.round(x * 1e4) / 1e4;

/**
 * Simulates the training, calibration and test histories, trains the forest on the training rows, takes the
 * (1 − coverage)/2 and (1 + coverage)/2 quantiles of the calibration residuals (actual − predicted next value)
 * as the interval, and measures point and interval accuracy on the test rows. Deterministic for given options.
 */
export function trainStarForecast(
  seed: NationalSeed,
  options: ForecastOptions = DEFAULT_FORECAST_OPTIONS,
): StarForecaster {
  const { years, coverage = 0.8, kind = "linear", trees = 40, maxDepth = 8, forestSeed = 20261 } = options;
  const rowsOf = (seeds: readonly number[]) =>
    seeds.flatMap((s) => historyRows(seed, simulateHistory(seed, { years, seed: s })));
  const train = rowsOf(options.trainSeeds);
  const calibration = rowsOf(options.calibrationSeeds);
  const test = rowsOf(options.testSeeds);
  if (train.length === 0 || calibration.length === 0) throw new Error("Star forecast: no training rows");
  const deltas = train.map((r) => r.nextValue - r.value);
  let predictDelta: (xs: number[][]) => number[];
  if (kind === "forest") {
    const forest = new RandomForestRegression({
      nEstimators: trees,
      maxFeatures: 0.6,
      replacement: true,
      useSampleBagging: true,
      noOOB: true,
      seed: forestSeed,
      treeOptions: { maxDepth, minNumSamples: 10 },
    });
    forest.train(train.map((r) => r.x), deltas);
    predictDelta = (xs) => forest.predict(xs);
  } else {
    const linear = fitLinear(train.map((r) => r.x), deltas);
    predictDelta = (xs) => xs.map((x) => linear.predict(x));
  }
  const predictValues = (rows: readonly Row[]) =>
    rows.length === 0 ? [] : predictDelta(rows.map((r) => r.x)).map((d, i) => rows[i]!.value + d);
  const calPred = predictValues(calibration);
  const residuals = calibration.map((r, i) => r.nextValue - calPred[i]!).sort((a, b) => a - b);
  // The narrowest central residual band whose half-star interval covers the target share of calibration rows.
  const covers = (lo: number, hi: number) =>
    calibration.filter((r, i) =>
      roundToHalfStar(Math.max(1, calPred[i]! + lo)) <= r.nextStars &&
      r.nextStars <= roundToHalfStar(Math.max(1, calPred[i]! + hi))
    ).length / calibration.length;
  let lowQ = 0, highQ = 0, calibrationCoverage = 0;
  for (let level = 0.02; level <= 1.0001; level += 0.02) {
    lowQ = quantile(residuals, (1 - level) / 2);
    highQ = quantile(residuals, (1 + level) / 2);
    calibrationCoverage = covers(lowQ, highQ);
    if (calibrationCoverage >= coverage) break;
  }
  const fromValue = (value: number): StarForecast => ({
    point: roundToHalfStar(Math.max(1, value)),
    low: roundToHalfStar(Math.max(1, value + lowQ)),
    high: roundToHalfStar(Math.max(1, value + highQ)),
    pAtLeastFour: residuals.filter((r) => roundToHalfStar(value + r) >= 4).length / residuals.length,
    value,
  });
  const testPred = predictValues(test).map(fromValue);
  const n = Math.max(1, test.length);
  const mean = (f: (r: Row, i: number) => number) => r4(test.reduce((s, r, i) => s + f(r, i), 0) / n);
  const metrics: BacktestMetrics = {
    transitions: { train: train.length, calibration: calibration.length, test: test.length },
    model: {
      mae: mean((r, i) => Math.abs(testPred[i]!.point - r.nextStars)),
      exact: mean((r, i) => (testPred[i]!.point === r.nextStars ? 1 : 0)),
      withinHalf: mean((r, i) => (Math.abs(testPred[i]!.point - r.nextStars) <= 0.5 ? 1 : 0)),
      coverage: mean((r, i) => (testPred[i]!.low <= r.nextStars && r.nextStars <= testPred[i]!.high ? 1 : 0)),
      meanWidth: mean((_, i) => testPred[i]!.high - testPred[i]!.low),
    },
    baseline: {
      mae: mean((r) => Math.abs(r.stars - r.nextStars)),
      exact: mean((r) => (r.stars === r.nextStars ? 1 : 0)),
      withinHalf: mean((r) => (Math.abs(r.stars - r.nextStars) <= 0.5 ? 1 : 0)),
    },
    interval: {
      target: coverage,
      residualLow: r4(lowQ),
      residualHigh: r4(highQ),
      calibrationCoverage: r4(calibrationCoverage),
    },
  };
  return {
    predict: (x) => fromValue(x[0]! + predictDelta([[...x]])[0]!),
    metrics,
  };
}
