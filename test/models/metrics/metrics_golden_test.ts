import assert from "node:assert/strict";
import { averagePrecision } from "../../../models/metrics/average_precision.ts";
import { brierScore } from "../../../models/metrics/brier_score.ts";
import { calibrationSlope } from "../../../models/metrics/calibration_slope.ts";
import { logLoss } from "../../../models/metrics/log_loss.ts";
import { calibrationCurve, type CalibrationStrategy } from "../../../models/metrics/calibration_curve.ts";
import { rocAuc } from "../../../models/metrics/roc_auc.ts";
import { readNumericCsv } from "../../support/read_csv.ts";

interface GoldenCalibration {
  n_bins: number;
  strategy: CalibrationStrategy;
  prob_true: number[];
  prob_pred: number[];
  counts: number[];
}
interface Golden {
  roc_auc: number;
  roc_auc_complement: number;
  average_precision: number;
  brier: number;
  log_loss: number;
  calibration_slope: { intercept: number; slope: number };
  calibration: GoldenCalibration[];
}

function close(actual: number, expected: number, what: string): void {
  assert.ok(Math.abs(actual - expected) <= 1e-12, `${what}: ${actual} vs scikit-learn ${expected}`);
}

Deno.test("metrics match scikit-learn on the fixtures", async (t) => {
  for (const name of ["ties", "imbalanced"]) {
    const { y, score } = readNumericCsv(new URL(`../../input/metrics/${name}.csv`, import.meta.url));
    const golden: Golden = JSON.parse(
      Deno.readTextFileSync(new URL(`../../golden/metrics/${name}.json`, import.meta.url)),
    );
    await t.step(`${name}: ROC-AUC, average precision, Brier, log-loss, calibration slope`, () => {
      close(rocAuc(y!, score!), golden.roc_auc, "roc_auc");
      close(rocAuc(y!, score!.map((s) => 1 - s)), golden.roc_auc_complement, "roc_auc(1 − p)");
      close(averagePrecision(y!, score!), golden.average_precision, "average_precision");
      close(brierScore(y!, score!), golden.brier, "brier");
      close(logLoss(y!, score!), golden.log_loss, "log_loss");
      const cs = calibrationSlope(y!, score!)!;
      assert.ok(Math.abs(cs.slope - golden.calibration_slope.slope) < 1e-8, `slope ${cs.slope}`);
      assert.ok(
        Math.abs(cs.intercept - golden.calibration_slope.intercept) < 1e-8,
        `intercept ${cs.intercept}`,
      );
    });
    for (const g of golden.calibration) {
      await t.step(`${name}: calibration curve, ${g.n_bins} ${g.strategy} bins`, () => {
        const bins = calibrationCurve(y!, score!, g.n_bins, g.strategy);
        assert.deepEqual(bins.map((b) => b.count), g.counts);
        bins.forEach((b, i) => {
          close(b.fractionPositive, g.prob_true[i]!, `prob_true[${i}]`);
          close(b.meanPredicted, g.prob_pred[i]!, `prob_pred[${i}]`);
        });
      });
    }
  }
});
