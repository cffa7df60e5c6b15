import type { CareEvaluation, CareModel } from "./backtest.ts";

/**
 * States in words whether the chosen model beats the baseline "ER visit in the last 3 months" on
 * the pooled backtest: higher ROC-AUC, higher PR-AUC, lower Brier score, higher top-5% precision.
 * Says plainly when it does not.
 *
 * @example
 * ```ts
 * import { careVerdict } from "./verdict.ts";
 * careVerdict("logistic", null); // "No backtest origin could be evaluated."
 * ```
 */
export function careVerdict(
  chosen: "logistic" | "forest",
  pooled: Record<CareModel, CareEvaluation> | null,
): string {
  if (pooled === null) return "No backtest origin could be evaluated.";
  const m = pooled[chosen], b = pooled.er_last_3m;
  const checks: [string, boolean][] = [
    ["ROC-AUC", (m.rocAuc ?? 0) > (b.rocAuc ?? 0)],
    ["PR-AUC", (m.prAuc ?? 0) > (b.prAuc ?? 0)],
    ["Brier score", m.brier < b.brier],
    ["top-5% precision", m.top5Precision > b.top5Precision],
  ];
  const wins = checks.filter(([, w]) => w).map(([n]) => n);
  const losses = checks.filter(([, w]) => !w).map(([n]) => n);
  const name = chosen === "logistic" ? "The logistic regression" : "The random forest";
  if (losses.length === 0) {
    return `${name} beats the baseline (ER visit in the last 3 months) on ${wins.join(", ")}.`;
  }
  if (wins.length === 0) {
    return `${name} does NOT beat the baseline (ER visit in the last 3 months) on any of ${
      losses.join(", ")
    }; use the baseline.`;
  }
  return `${name} beats the baseline (ER visit in the last 3 months) on ${wins.join(", ")} but NOT on ${
    losses.join(", ")
  }.`;
}
