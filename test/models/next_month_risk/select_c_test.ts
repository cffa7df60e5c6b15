import assert from "node:assert/strict";
import { fitLogisticRegression, predictProbability } from "../../../models/logistic/logistic_regression.ts";
import { logLoss } from "../../../models/metrics/log_loss.ts";
import { selectC } from "../../../models/next_month_risk/select_c.ts";
import { isLabelled, type LabelledRow } from "../../../models/next_month_risk/training_window.ts";
import { addMonths } from "../../../models/next_month_risk/year_month.ts";
import { row } from "./_rows.ts";

/** 8 months × 25 companies; High next month when a seeded score of x exceeds a threshold. */
function rows(signal: number): LabelledRow[] {
  let a = 99;
  const u = () => (a = (a * 1103515245 + 12345) % 2147483648) / 2147483648;
  const out = [];
  for (let m = 0; m < 8; m++) {
    for (let c = 0; c < 25; c++) {
      const x = [u() * 2 - 1, u() * 2 - 1];
      out.push(
        row(`c${c}`, addMonths("2025-01", m), x, u() < 1 / (1 + Math.exp(1 - signal * x[0]!)) ? 1 : 0),
      );
    }
  }
  return out.filter(isLabelled);
}

Deno.test("selectC()", async (t) => {
  await t.step(
    "scores each C by the pooled log-loss of the last months, each predicted from earlier months only",
    () => {
      const data = rows(3);
      const result = selectC(data, { grid: [0.1, 1], folds: 2 });
      assert.deepEqual(result.folds, ["2025-07", "2025-08"]);
      for (const s of result.scores) {
        // Independent computation: fit on months ≤ o − 1 by hand and pool the folds' predictions.
        const y: number[] = [], p: number[] = [];
        for (const origin of ["2025-07", "2025-08"]) {
          const train = data.filter((r) => r.yearMonth < origin);
          const test = data.filter((r) => r.yearMonth === origin);
          const m = fitLogisticRegression(train.map((r) => r.x), train.map((r) => r.highRiskNext), {
            C: s.C,
          });
          y.push(...test.map((r) => r.highRiskNext));
          p.push(...predictProbability(m, test.map((r) => r.x)));
        }
        assert.ok(Math.abs(s.logLoss! - logLoss(y, p)) < 1e-12);
      }
      const best = result.scores.reduce((a, b) => (b.logLoss! < a.logLoss! ? b : a));
      assert.equal(result.C, best.C);
    },
  );

  await t.step("with identical scores the stronger penalty (smaller C) wins", () => {
    // Constant features: every C gives the intercept-only model.
    const data = rows(0).map((r) => ({ ...r, x: [1, 2] }));
    const result = selectC(data, { grid: [10, 0.1, 1] });
    assert.equal(new Set(result.scores.map((s) => s.logLoss)).size, 1);
    assert.equal(result.C, 0.1);
  });

  await t.step("with no usable fold it falls back to C = 1", () => {
    const result = selectC([
      row("a", "2025-01", [1], 1) as LabelledRow,
      row("a", "2025-02", [1], 0) as LabelledRow,
    ]);
    assert.deepEqual(result, {
      C: 1,
      scores: [0.01, 0.1, 1, 10].map((C) => ({ C, logLoss: null })),
      folds: [],
    });
  });

  await t.step("a bad grid is an error", () => {
    assert.throws(
      () => selectC(rows(1), { grid: [1, -2] }),
      /the grid must hold positive numbers \(got \[1,-2\]\)/,
    );
  });
});
