import assert from "node:assert/strict";
import { formatMetric } from "../../src/lib/metric_format.ts";

Deno.test("formatMetric()", async (t) => {
  await t.step("prints each format", () => {
    assert.equal(formatMetric(1653, "integer"), "1,653");
    assert.equal(formatMetric(2.5, "integer"), "3");
    assert.equal(formatMetric(0.88133, "fixed:3"), "0.881");
    assert.equal(formatMetric(0.12743, "percent:1"), "12.7%");
    assert.equal(formatMetric(5.1307e-10, "exp:2"), "5.13e-10");
    assert.equal(formatMetric(12345, "exp:1"), "1.2e4");
    assert.equal(formatMetric("abc", "text"), "abc");
    assert.equal(formatMetric(10n, "integer"), "10");
  });
  await t.step("auto: whole numbers, tiny numbers, the rest", () => {
    assert.equal(formatMetric(516, "auto"), "516");
    assert.equal(formatMetric(0, "auto"), "0");
    assert.equal(formatMetric(0.00000513, "auto"), "5.1e-6");
    assert.equal(formatMetric(0.127425, "auto"), "0.1274");
  });
  await t.step("null is a dash; text and unknown formats are errors", () => {
    assert.equal(formatMetric(null, "fixed:2"), "–");
    assert.throws(() => formatMetric("x", "fixed:2"), /Cannot format "x" as fixed:2/);
    assert.throws(() => formatMetric(1, "money"), /"money"/);
  });
});
