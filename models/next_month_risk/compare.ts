import { averagePrecision } from "../metrics/average_precision.ts";
import { brierScore } from "../metrics/brier_score.ts";
import { pairedBootstrap } from "../metrics/paired_bootstrap.ts";
import { rocAuc } from "../metrics/roc_auc.ts";
import type { BacktestPrediction } from "./backtest.ts";

/** The baselines the model is compared with. */
export const BASELINES = ["persistence", "base_rate"] as const;
/** Metrics compared, each oriented so that a positive improvement favours the model. */
export const COMPARED = ["roc_auc", "pr_auc", "brier"] as const;

/** The model against one baseline on one metric, pooled over the backtest. */
export interface Comparison {
  baseline: typeof BASELINES[number];
  metric: typeof COMPARED[number];
  modelValue: number;
  baselineValue: number;
  /** Model better by this much: AUC(model) − AUC(baseline), or Brier(baseline) − Brier(model). */
  improvement: number;
  /** 95 % paired cluster-bootstrap interval of the improvement (companies resampled). */
  lower: number;
  upper: number;
  /** "better" when the interval lies above 0, "worse" below 0, else "no clear difference". */
  finding: "better" | "worse" | "no clear difference";
}

const score: Record<typeof COMPARED[number], (y: readonly number[], p: readonly number[]) => number | null> =
  {
    roc_auc: (y, p) => (y.includes(0) && y.includes(1) ? rocAuc(y, p) : null),
    pr_auc: (y, p) => (y.includes(1) ? averagePrecision(y, p) : null),
    brier: (y, p) => -brierScore(y, p),
  };

/**
 * Compares the model's pooled backtest predictions with each baseline's by a paired bootstrap
 * that resamples companies (all of a company's origins together), so a difference counts only when
 * its 95 % interval excludes zero. Deterministic for a given `seed`.
 */
export function compareToBaselines(
  predictions: readonly BacktestPrediction[],
  options: { replicates?: number; seed?: number } = {},
): Comparison[] {
  const y = predictions.map((p) => p.outcome);
  const clusters = predictions.map((p) => p.companyId);
  const model = predictions.map((p) => p.probability.logistic);
  const out: Comparison[] = [];
  for (const baseline of BASELINES) {
    const base = predictions.map((p) => p.probability[baseline]);
    for (const metric of COMPARED) {
      const d = pairedBootstrap(score[metric], y, model, base, { ...options, clusters });
      if (d === null) continue;
      const sign = metric === "brier" ? -1 : 1;
      out.push({
        baseline,
        metric,
        modelValue: sign * score[metric](y, model)!,
        baselineValue: sign * score[metric](y, base)!,
        improvement: d.difference,
        lower: d.lower,
        upper: d.upper,
        finding: d.lower > 0 ? "better" : d.upper < 0 ? "worse" : "no clear difference",
      });
    }
  }
  return out;
}
