import assert from "node:assert/strict";
import { forecastGoldenAgreement } from "../../../loaders/validation/forecast_golden.ts";

Deno.test("forecastGoldenAgreement()", async (t) => {
  const golden = { model: { mae: 0.2854, exact: 0.4816 }, baseline: { mae: 0.3114 } };
  await t.step("is zero when the build writes the golden's figures", () => {
    const rows = [
      { model: "forecast", metric: "mae", value: 0.2854 },
      { model: "forecast", metric: "exact", value: 0.4816 },
      { model: "same_rating", metric: "mae", value: 0.3114 },
    ];
    assert.deepEqual(forecastGoldenAgreement(golden, rows), { compared: 3, missing: 0, maxDiff: 0 });
  });
  await t.step("reports the largest gap and a metric the build lacks", () => {
    const rows = [
      { model: "forecast", metric: "mae", value: 0.2954 },
      { model: "same_rating", metric: "mae", value: 0.3094 },
    ];
    const a = forecastGoldenAgreement(golden, rows);
    assert.equal(a.compared, 2);
    assert.equal(a.missing, 1);
    assert.ok(Math.abs(a.maxDiff - 0.01) < 1e-12, `maxDiff ${a.maxDiff}`);
  });
});
