import assert from "node:assert/strict";
import fc from "fast-check";
import { fitLogisticRegression, predictLogOdds } from "../../../models/logistic/logistic_regression.ts";
import { contributions, topDrivers } from "../../../models/next_month_risk/drivers.ts";
import type { LogisticModel } from "../../../models/logistic/logistic_regression.ts";

Deno.test("contributions()", async (t) => {
  await t.step("hand-computed: βˢ (x − x̄) / s per feature", () => {
    const model = {
      standardizer: { means: [10, 0, 5], scales: [5, 2, 1] },
      interceptStd: -1,
      coefficientsStd: [2, -0.5, 0],
    } as LogisticModel;
    assert.deepEqual(contributions(model, ["er", "pcp", "flat"], [15, 4, 9]), [
      { feature: "er", value: 15, contribution: 2 },
      { feature: "pcp", value: 4, contribution: -1 },
      { feature: "flat", value: 9, contribution: 0 },
    ]);
  });
  await t.step("intercept plus contributions give the predicted log-odds", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.double({ min: -5, max: 5, noNaN: true }), fc.double({ min: 0, max: 100, noNaN: true })),
          {
            minLength: 4,
            maxLength: 30,
          },
        ),
        (pairs) => {
          const x = pairs.map(([a, b]) => [a, b]);
          const m = fitLogisticRegression(x, x.map((_, i) => (i % 3 === 0 ? 1 : 0)));
          const z = predictLogOdds(m, x);
          x.forEach((r, i) => {
            const sum = contributions(m, ["a", "b"], r).reduce((s, c) => s + c.contribution, m.interceptStd);
            assert.ok(Math.abs(sum - z[i]!) < 1e-9 * Math.max(1, Math.abs(z[i]!)));
          });
        },
      ),
      { numRuns: 50, seed: 21 },
    );
  });
});

Deno.test("topDrivers()", () => {
  const all = [
    { feature: "b", value: 0, contribution: 0.5 },
    { feature: "a", value: 0, contribution: -0.5 },
    { feature: "c", value: 0, contribution: 1.2 },
    { feature: "d", value: 0, contribution: 0 },
  ];
  assert.deepEqual(topDrivers(all, 3).map((d) => d.feature), ["c", "a", "b"]);
  assert.deepEqual(topDrivers(all, 10).map((d) => d.feature), ["c", "a", "b"]);
});
