import { averagePrecision } from "../metrics/average_precision.ts";
import { brierScore } from "../metrics/brier_score.ts";
import { calibrationSlope } from "../metrics/calibration_slope.ts";
import { rocAuc } from "../metrics/roc_auc.ts";
import { topFraction } from "../metrics/top_fraction.ts";

/** Metrics of one set of probabilities against outcomes. */
export interface Evaluation {
  rows: number;
  positives: number;
  prevalence: number;
  /** Mean predicted probability; against `prevalence` it is calibration-in-the-large. */
  meanPredicted: number;
  /** Null when only one class is present. */
  rocAuc: number | null;
  /** Average precision; null when there is no positive. */
  prAuc: number | null;
  brier: number;
  /** Calibration slope and intercept (logistic recalibration); null when undefined. */
  calibrationSlope: number | null;
  calibrationIntercept: number | null;
  /** Precision in the top decile (⌈n/10⌉ rows, ties at the cut in proportion). */
  topDecilePrecision: number;
  /** Top-decile precision / prevalence; null when there is no positive. */
  topDecileLift: number | null;
}

/**
 * Evaluates probabilities against 0/1 outcomes with ROC-AUC, PR-AUC (average precision), Brier
 * score, calibration-in-the-large (mean predicted vs prevalence), calibration slope and intercept,
 * and top-decile precision and lift (see `models/metrics/`).
 */
export function evaluate(y: readonly number[], probability: readonly number[]): Evaluation {
  const positives = y.reduce((s, v) => s + v, 0);
  const top = topFraction(y, probability, 0.1);
  const slope = calibrationSlope(y, probability);
  return {
    rows: y.length,
    positives,
    prevalence: positives / y.length,
    meanPredicted: probability.reduce((s, p) => s + p, 0) / y.length,
    rocAuc: positives > 0 && positives < y.length ? rocAuc(y, probability) : null,
    prAuc: positives > 0 ? averagePrecision(y, probability) : null,
    brier: brierScore(y, probability),
    calibrationSlope: slope?.slope ?? null,
    calibrationIntercept: slope?.intercept ?? null,
    topDecilePrecision: top.precision,
    topDecileLift: top.lift,
  };
}
