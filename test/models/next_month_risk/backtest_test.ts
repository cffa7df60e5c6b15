import assert from "node:assert/strict";
import fc from "fast-check";
import { rollingOriginBacktest } from "../../../models/next_month_risk/backtest.ts";
import { fitBaselines } from "../../../models/next_month_risk/baselines.ts";
import { evaluate } from "../../../models/next_month_risk/evaluate.ts";
import { fitLogisticRegression, predictProbability } from "../../../models/logistic/logistic_regression.ts";
import { rocAuc } from "../../../models/metrics/roc_auc.ts";
import type { FeatureRow } from "../../../models/next_month_risk/feature_rows.ts";
import { trainingRows } from "../../../models/next_month_risk/training_window.ts";
import { addMonths } from "../../../models/next_month_risk/year_month.ts";
import { row } from "./_rows.ts";

/**
 * Months 2025-01 … 2025-03: 10 companies each, High next month exactly when x < 0. Month 2025-04
 * (the origin): 40 companies, High next month exactly when x > 0. 2025-05 has no labels yet.
 * Trained honestly (months ≤ 2025-03) the model ranks 2025-04 backwards (AUC 0); a model that
 * also learnt from 2025-04's own labels would be dominated by them and score AUC 1.
 */
function leakFixture(): FeatureRow[] {
  const rows: FeatureRow[] = [];
  for (const month of ["2025-01", "2025-02", "2025-03"]) {
    for (let i = 0; i < 10; i++) {
      const x = (i - 4.5) / 2 + (month === "2025-02" ? 0.1 : 0);
      rows.push(row(`c${i}`, month, [x], x < 0 ? 1 : 0));
    }
  }
  for (let i = 0; i < 40; i++) {
    const x = (i - 19.5) / 5;
    rows.push(row(`c${i}`, "2025-04", [x], x > 0 ? 1 : 0));
    rows.push(row(`c${i}`, "2025-05", [x], null));
  }
  return rows;
}

Deno.test("trainingRows()", async (t) => {
  await t.step("at the close of the origin only rows whose label month has closed are used", () => {
    const rows = leakFixture();
    const train = trainingRows(rows, "2025-04");
    assert.equal(train.length, 30);
    assert.deepEqual([...new Set(train.map((r) => r.yearMonth))], ["2025-01", "2025-02", "2025-03"]);
  });
  await t.step(
    "property: every training row's label month is ≤ origin, and every such labelled row is used",
    () => {
      const months = ["2024-11", "2024-12", "2025-01", "2025-02", "2025-03"];
      fc.assert(
        fc.property(
          fc.array(
            fc.record({
              m: fc.constantFrom(...months),
              y: fc.constantFrom<0 | 1 | null>(0, 1, null),
              missing: fc.boolean(),
            }),
            { maxLength: 40 },
          ),
          fc.constantFrom(...months),
          (spec, origin) => {
            const rows = spec.map((s, i) => row(`c${i}`, s.m, s.missing ? null : [i], s.y));
            const train = trainingRows(rows, origin);
            for (const r of train) assert.ok(addMonths(r.yearMonth, 1) <= origin);
            const expected = rows.filter((r) =>
              addMonths(r.yearMonth, 1) <= origin && r.x && r.highRiskNext !== null
            );
            assert.equal(train.length, expected.length);
          },
        ),
        { numRuns: 200, seed: 13 },
      );
    },
  );
});

Deno.test("rollingOriginBacktest()", async (t) => {
  await t.step("does not leak the origin month's labels into training", () => {
    const result = rollingOriginBacktest(leakFixture(), { origins: 1 });
    assert.equal(result.origins.length, 1);
    const o = result.origins[0]!;
    assert.equal(o.origin, "2025-04");
    assert.equal(o.target, "2025-05");
    assert.equal(o.trainRows, 30);
    assert.equal(o.trainThrough, "2025-03");
    assert.equal(o.metrics.logistic.rocAuc, 0);
    assert.equal(o.metrics.base_rate.rocAuc, 0.5);
    assert.equal(result.predictions.length, 40);
  });

  await t.step("the fixture does catch a leak: training on the origin month too scores AUC 1", () => {
    const rows = leakFixture().filter((r) => r.yearMonth <= "2025-04");
    const model = fitLogisticRegression(rows.map((r) => r.x!), rows.map((r) => r.highRiskNext!));
    const test = rows.filter((r) => r.yearMonth === "2025-04");
    assert.equal(
      rocAuc(test.map((r) => r.highRiskNext!), predictProbability(model, test.map((r) => r.x!))),
      1,
    );
  });

  await t.step("origins are the last N labelled months; each expands its window by one month", () => {
    const result = rollingOriginBacktest(leakFixture(), { origins: 3 });
    assert.deepEqual(result.origins.map((o) => [o.origin, o.trainRows, o.trainThrough]), [
      ["2025-02", 10, "2025-01"],
      ["2025-03", 20, "2025-02"],
      ["2025-04", 30, "2025-03"],
    ]);
    assert.deepEqual(result.skipped, []);
    // The pooled metrics are those of all origins' predictions together.
    const y = result.predictions.map((p) => p.outcome);
    assert.deepEqual(
      result.pooled!.logistic,
      evaluate(y, result.predictions.map((p) => p.probability.logistic)),
    );
    assert.equal(result.pooled!.logistic.rows, 10 + 10 + 40);
  });

  await t.step("an origin whose training window has one class only is skipped", () => {
    const rows = [
      row("a", "2025-01", [1], 0),
      row("b", "2025-01", [2], 0),
      row("a", "2025-02", [1], 1),
      row("b", "2025-02", [2], 0),
      row("a", "2025-03", [1], 1),
      row("b", "2025-03", [3], 0),
    ];
    const result = rollingOriginBacktest(rows, { origins: 3 });
    assert.deepEqual(result.skipped, ["2025-01", "2025-02"]);
    assert.deepEqual(result.origins.map((o) => o.origin), ["2025-03"]);
  });

  await t.step("persistence and base-rate baselines use the training window's rates", () => {
    // Training (2025-01): High now → 3 of 4 High next; not High → 1 of 4.
    const rows = [
      ...[1, 1, 1, 0].map((y, i) => row(`h${i}`, "2025-01", [i], y as 0 | 1, 1)),
      ...[1, 0, 0, 0].map((y, i) => row(`n${i}`, "2025-01", [i], y as 0 | 1, 0)),
      row("h0", "2025-02", [0], 1, 1),
      row("n0", "2025-02", [0], 0, 0),
    ];
    const b = fitBaselines(trainingRows(rows, "2025-02"));
    assert.deepEqual(b, { baseRate: 0.5, persistenceIfHigh: 0.75, persistenceIfNot: 0.25 });
    const result = rollingOriginBacktest(rows, { origins: 1 });
    assert.deepEqual(
      result.predictions.map((p) => [p.companyId, p.probability.persistence, p.probability.base_rate]),
      [
        ["h0", 0.75, 0.5],
        ["n0", 0.25, 0.5],
      ],
    );
  });
});
