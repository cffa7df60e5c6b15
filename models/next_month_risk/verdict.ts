import type { ModelName } from "./backtest.ts";
import type { Evaluation } from "./evaluate.ts";

/**
 * States, from the pooled backtest, where the model beats each baseline: higher ROC-AUC, higher
 * PR-AUC, lower Brier score. Says plainly when it does not.
 *
 * @example
 * ```ts
 * import { backtestVerdict } from "./verdict.ts";
 * backtestVerdict(null); // "No backtest origin could be evaluated."
 * ```
 */
export function backtestVerdict(pooled: Record<ModelName, Evaluation> | null): string {
  if (pooled === null) return "No backtest origin could be evaluated.";
  const m = pooled.logistic;
  const parts = (["persistence", "base_rate"] as const).map((b) => {
    const base = pooled[b];
    const name = b === "base_rate" ? "the base rate" : "persistence";
    const wins: string[] = [], losses: string[] = [];
    const compare = (label: string, better: boolean | null) => {
      if (better !== null) (better ? wins : losses).push(label);
    };
    compare("ROC-AUC", m.rocAuc !== null && base.rocAuc !== null ? m.rocAuc > base.rocAuc : null);
    compare("PR-AUC", m.prAuc !== null && base.prAuc !== null ? m.prAuc > base.prAuc : null);
    compare("Brier score", m.brier < base.brier);
    if (losses.length === 0) return `beats ${name} on ${wins.join(", ")}`;
    if (wins.length === 0) return `does not beat ${name} on any of ROC-AUC, PR-AUC or Brier score`;
    return `beats ${name} on ${wins.join(", ")} but not on ${losses.join(", ")}`;
  });
  return `In the pooled backtest the model ${parts.join("; it ")}.`;
}
