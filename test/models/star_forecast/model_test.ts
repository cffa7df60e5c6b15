import assert from "node:assert/strict";
import fc from "fast-check";
import { fitLinear } from "../../../models/star_forecast/linear.ts";
import { DEFAULT_FORECAST_OPTIONS, trainStarForecast } from "../../../models/star_forecast/model.ts";
import { assertGolden, goldenJson } from "../../support/golden.ts";
import { seed2026 } from "./_seed.ts";

Deno.test("fitLinear()", async (t) => {
  await t.step("recovers an exact plane", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -5, max: 5 }), { minLength: 3, maxLength: 3 }),
        ([b0, b1, b2]) => {
          const xs = [[0, 0], [1, 0], [0, 1], [2, 3], [5, -1]];
          const m = fitLinear(xs, xs.map(([a, b]) => b0! + b1! * a! + b2! * b!));
          assert.ok(Math.abs(m.predict([7, -2]) - (b0! + 7 * b1! - 2 * b2!)) < 1e-4); // the 1e-6 ridge shrinks by a relative 1e-6
        },
      ),
      { seed: 3, numRuns: 50 },
    );
  });
  await t.step("a constant column gets no weight", () => {
    const m = fitLinear([[1, 4], [2, 4], [3, 4]], [2, 4, 6]);
    assert.equal(m.coefficients[2], 0);
    assert.ok(Math.abs(m.coefficients[1]! - 2) < 1e-4); // the 1e-6 ridge shrinks by a relative 1e-6
  });
});

Deno.test("trainStarForecast(): backtest on held-out simulated histories", async (t) => {
  const forecaster = trainStarForecast(seed2026, DEFAULT_FORECAST_OPTIONS);
  const m = forecaster.metrics;
  await t.step("golden metrics (deterministic: same seeds, same bytes)", async () => {
    await assertGolden("star_forecast_backtest.json", goldenJson(m));
  });
  await t.step("beats 'same rating as this year' and the interval covers about 80%", () => {
    assert.ok(m.model.mae < m.baseline.mae, `model ${m.model.mae} vs baseline ${m.baseline.mae}`);
    assert.ok(m.model.coverage >= 0.75 && m.model.coverage <= 0.9, `coverage ${m.model.coverage}`);
  });
  await t.step("a forecast is ordered and P(≥ 4★) grows with the current value", () => {
    const x = [3.9, 4, 3.7, 0.8, 0.2, 3.8, 3.9, 0.3, 0.25, 0.8, 0.8];
    const f = forecaster.predict(x);
    assert.ok(f.low <= f.point && f.point <= f.high);
    const lower = forecaster.predict([3.3, 3.5, 3.3, ...x.slice(3)]);
    assert.ok(lower.pAtLeastFour < f.pAtLeastFour);
  });
});
