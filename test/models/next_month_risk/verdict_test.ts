import assert from "node:assert/strict";
import type { Evaluation } from "../../../models/next_month_risk/evaluate.ts";
import { backtestVerdict } from "../../../models/next_month_risk/verdict.ts";

function e(rocAuc: number | null, prAuc: number | null, brier: number): Evaluation {
  return {
    rows: 100,
    positives: 20,
    prevalence: 0.2,
    meanPredicted: 0.2,
    rocAuc,
    prAuc,
    brier,
    calibrationSlope: null,
    calibrationIntercept: null,
    topDecilePrecision: 0.2,
    topDecileLift: 1,
  };
}

Deno.test("backtestVerdict()", async (t) => {
  await t.step("names the metrics won and lost against each baseline", () => {
    assert.equal(
      backtestVerdict({
        logistic: e(0.7, 0.3, 0.15),
        persistence: e(0.72, 0.25, 0.16),
        base_rate: e(0.5, 0.2, 0.16),
      }),
      "In the pooled backtest the model beats persistence on PR-AUC, Brier score but not on ROC-AUC; " +
        "it beats the base rate on ROC-AUC, PR-AUC, Brier score.",
    );
  });
  await t.step("says plainly when the model beats neither", () => {
    assert.equal(
      backtestVerdict({
        logistic: e(0.49, 0.19, 0.17),
        persistence: e(0.5, 0.2, 0.16),
        base_rate: e(0.5, 0.2, 0.16),
      }),
      "In the pooled backtest the model does not beat persistence on any of ROC-AUC, PR-AUC or Brier score; " +
        "it does not beat the base rate on any of ROC-AUC, PR-AUC or Brier score.",
    );
  });
  await t.step("undefined metrics are left out of the comparison", () => {
    assert.equal(
      backtestVerdict({
        logistic: e(null, null, 0.1),
        persistence: e(null, null, 0.2),
        base_rate: e(null, null, 0.2),
      }),
      "In the pooled backtest the model beats persistence on Brier score; it beats the base rate on Brier score.",
    );
    assert.equal(backtestVerdict(null), "No backtest origin could be evaluated.");
  });
});
