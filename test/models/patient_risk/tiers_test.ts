import assert from "node:assert/strict";
import { assignTier, percentiles, tierRank } from "../../../models/patient_risk/tiers.ts";

Deno.test("percentiles()", async (t) => {
  await t.step("gives mid-ranks with ties sharing their average rank", () => {
    assert.deepEqual(percentiles([0.1, 0.3, 0.3, 0.9]), [12.5, 50, 50, 87.5]);
  });
  await t.step("puts exactly the top 5 of 100 distinct scores at 95 or above", () => {
    const p = percentiles(Array.from({ length: 100 }, (_, i) => i / 100));
    assert.deepEqual(p.filter((v) => v >= 95).length, 5);
    assert.deepEqual(p[95], 95.5);
  });
});

Deno.test("assignTier()", async (t) => {
  await t.step("high from percentile 95 on, whatever last quarter was", () => {
    assert.deepEqual(assignTier(95, 94), "high");
    assert.deepEqual(assignTier(99, null), "high");
    assert.deepEqual(assignTier(94.99, null), "moderate");
  });
  await t.step("rising needs a 25-point jump and at least percentile 50", () => {
    assert.deepEqual(assignTier(60, 35), "rising");
    assert.deepEqual(assignTier(60, 35.01), "low");
    assert.deepEqual(assignTier(49.9, 10), "low");
    assert.deepEqual(assignTier(90, 65), "rising");
    assert.deepEqual(assignTier(90, 66), "moderate");
    assert.deepEqual(assignTier(60, null), "low");
  });
  await t.step("moderate from percentile 75, low below", () => {
    assert.deepEqual(assignTier(75, 74), "moderate");
    assert.deepEqual(assignTier(74.9, 74), "low");
  });
  await t.step("rejects a percentile outside [0, 100]", () => {
    assert.throws(() => assignTier(101, null), (e: Error) => e.message.includes("got 101"));
  });
  await t.step("orders tiers low < moderate < rising < high", () => {
    assert.deepEqual(["low", "moderate", "rising", "high"].map((t) => tierRank(t as never)), [0, 1, 2, 3]);
  });
});
