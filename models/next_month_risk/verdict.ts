import type { Comparison } from "./compare.ts";

const METRIC = { roc_auc: "ROC-AUC", pr_auc: "PR-AUC", brier: "Brier score" } as const;
const BASELINE = { persistence: "persistence", base_rate: "the base rate" } as const;

/**
 * States in words how the model compares with each baseline in the pooled backtest: the metrics on
 * which it is better, worse, or not clearly different (95 % paired bootstrap intervals, see
 * `compareToBaselines`). Says plainly when it beats neither baseline.
 *
 * @example
 * ```ts
 * import { backtestVerdict } from "./verdict.ts";
 * backtestVerdict([]); // "No backtest origin could be evaluated."
 * ```
 */
export function backtestVerdict(comparisons: readonly Comparison[]): string {
  if (comparisons.length === 0) return "No backtest origin could be evaluated.";
  const sentences = (["persistence", "base_rate"] as const).map((b) => {
    const of = (finding: Comparison["finding"]) =>
      comparisons.filter((c) => c.baseline === b && c.finding === finding).map((c) => METRIC[c.metric]).join(
        ", ",
      );
    const better = of("better"), worse = of("worse"), unclear = of("no clear difference");
    const parts = [
      better && `beats ${BASELINE[b]} on ${better}`,
      worse && `is worse than ${BASELINE[b]} on ${worse}`,
      unclear && `is not clearly different from ${BASELINE[b]} on ${unclear}`,
    ].filter(Boolean);
    return `Against ${BASELINE[b]} the model ${parts.join("; it ")}.`;
  });
  const beatsAny = comparisons.some((c) => c.finding === "better");
  const lead = beatsAny ? "" : "The model does not beat its baselines. ";
  return `${lead}${sentences.join(" ")} (Pooled backtest, 95 % paired bootstrap intervals over companies.)`;
}
