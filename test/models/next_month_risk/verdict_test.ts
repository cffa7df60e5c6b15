import assert from "node:assert/strict";
import type { Comparison } from "../../../models/next_month_risk/compare.ts";
import { backtestVerdict } from "../../../models/next_month_risk/verdict.ts";

function c(
  baseline: Comparison["baseline"],
  metric: Comparison["metric"],
  finding: Comparison["finding"],
): Comparison {
  return { baseline, metric, modelValue: 0, baselineValue: 0, improvement: 0, lower: 0, upper: 0, finding };
}

const NOTE = " (Pooled backtest, 95 % paired bootstrap intervals over companies.)";

Deno.test("backtestVerdict()", async (t) => {
  await t.step("names the metrics won, lost and undecided against each baseline", () => {
    assert.equal(
      backtestVerdict([
        c("persistence", "roc_auc", "worse"),
        c("persistence", "pr_auc", "better"),
        c("persistence", "brier", "no clear difference"),
        c("base_rate", "roc_auc", "better"),
        c("base_rate", "pr_auc", "better"),
        c("base_rate", "brier", "better"),
      ]),
      "Against persistence the model beats persistence on PR-AUC; it is worse than persistence on ROC-AUC; " +
        "it is not clearly different from persistence on Brier score. " +
        "Against the base rate the model beats the base rate on ROC-AUC, PR-AUC, Brier score." + NOTE,
    );
  });
  await t.step("says plainly when the model beats neither", () => {
    const v = backtestVerdict([
      c("persistence", "roc_auc", "no clear difference"),
      c("base_rate", "roc_auc", "worse"),
    ]);
    assert.equal(
      v,
      "The model does not beat its baselines. " +
        "Against persistence the model is not clearly different from persistence on ROC-AUC. " +
        "Against the base rate the model is worse than the base rate on ROC-AUC." + NOTE,
    );
  });
  await t.step("no comparison at all", () => {
    assert.equal(backtestVerdict([]), "No backtest origin could be evaluated.");
  });
});
