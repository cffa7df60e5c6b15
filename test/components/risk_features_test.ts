import assert from "node:assert/strict";
import { FEATURES } from "../../loaders/utilization/features.ts";
import { driverText, FEATURE_LABELS, featureLabel } from "../../src/components/risk_features.ts";

Deno.test("featureLabel()", async (t) => {
  await t.step("every column of the feature table and this month's band has a label", () => {
    const missing = [...FEATURES.map(([column]) => column), "high_risk_now"].filter((c) =>
      !(c in FEATURE_LABELS)
    );
    assert.deepEqual(missing, []);
  });
  await t.step("labels are distinct", () => {
    const labels = Object.values(FEATURE_LABELS);
    assert.equal(new Set(labels).size, labels.length);
  });
  await t.step("an unknown column keeps its name", () => {
    assert.equal(featureLabel("new_feature"), "new_feature");
  });
});

Deno.test("driverText()", async (t) => {
  await t.step("names the feature and its signed log-odds rounded to two places", () => {
    assert.equal(driverText("ivi", -1.234), "IVI this month (−1.23)");
    assert.equal(driverText("high_risk_now", 0.845), "High risk this month (+0.84)");
    assert.equal(driverText("pmpm", 0), "Total paid PMPM (+0.00)");
  });
  await t.step("an empty driver slot is an empty string", () => {
    assert.equal(driverText(null, null), "");
  });
});
