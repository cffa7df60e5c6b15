import assert from "node:assert/strict";
import fc from "fast-check";
import {
  clusterThresholds,
  meanResampledCutPoints,
  type Thresholds,
} from "../../../src/lib/stars/cut_points_cluster.ts";

const PERCENT = { min: 0, max: 100 };

Deno.test("clusterThresholds()", async (t) => {
  const pairs = [10, 11, 30, 31, 50, 51, 70, 71, 90, 91];
  await t.step("higher is better: the minimum of the 2- to 5-star clusters", () => {
    assert.deepEqual(clusterThresholds(pairs, "higher", 0), [30, 50, 70, 90]);
  });
  await t.step("lower is better: the maximum of the 2- to 5-star clusters, worst first", () => {
    // 5★ = {10, 11} → t5 = 11; 4★ = {30, 31} → 31; 3★ → 51; 2★ = {70, 71} → 71; 1★ = {90, 91}
    assert.deepEqual(clusterThresholds(pairs, "lower", 100), [71, 51, 31, 11]);
  });
  await t.step(
    "one cluster takes 5 stars and the lower levels get the scale's worst end (CMS D07 2026)",
    () => {
      assert.deepEqual(clusterThresholds(new Array(30).fill(99), "higher", 0), [0, 0, 0, 99]);
      assert.deepEqual(clusterThresholds(new Array(30).fill(3), "lower", 100), [100, 100, 100, 3]);
    },
  );
  await t.step("two distinct values: two clusters at 4 and 5 stars", () => {
    assert.deepEqual(clusterThresholds([1, 1, 1, 9, 9, 9], "higher", 0), [0, 0, 1, 9]);
  });
  await t.step("duplicate observations in their own clusters count once (5 or fewer scores)", () => {
    assert.deepEqual(clusterThresholds([40, 40, 60, 80], "higher", 0), [0, 40, 60, 80]);
  });
});

Deno.test("meanResampledCutPoints()", async (t) => {
  await t.step("well-separated tight groups: every run finds the same cut points", () => {
    // 20 contracts at each of 20, 40, 60, 80, 95 (+/−1): any 9 of 10 groups still hold all five levels.
    const scores = [20, 40, 60, 80, 95].flatMap((v) => Array.from({ length: 20 }, (_, i) => v + (i % 3) - 1));
    const r = meanResampledCutPoints(scores, { direction: "higher", precision: 0, range: PERCENT, seed: 7 });
    assert.equal(r.runs.length, 10);
    for (const run of r.runs) assert.deepEqual(run, [39, 59, 79, 94]);
    assert.deepEqual(r.thresholds, [39, 59, 79, 94]);
    assert.deepEqual(r.fence.removed, 0);
  });
  await t.step("rounds scores to display precision before clustering and drops outer-fence outliers", () => {
    const scores = [20, 40, 60, 80, 95].flatMap((v) =>
      Array.from({ length: 20 }, (_, i) => v + (i % 3) * 0.4)
    );
    const r = meanResampledCutPoints([...scores, 0.2], { direction: "higher", precision: 0, range: PERCENT });
    // 20.4 → 20, 20.8 → 21; the single 0.2 → 0 is inside the fences of this wide distribution.
    assert.equal(r.n, 101);
    assert.deepEqual(r.thresholds.map((x) => Number.isInteger(x)), [true, true, true, true]);
    const narrow = [...new Array(60).fill(90), ...new Array(60).fill(91), 10];
    assert.equal(
      meanResampledCutPoints(narrow, { direction: "higher", precision: 0, range: PERCENT }).fence.removed,
      1,
    );
  });
  await t.step("the thresholds are the rounded mean of the runs; same seed, same result", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 30, max: 100 }), { minLength: 60, maxLength: 150 }),
        fc.integer(),
        (scores, seed) => {
          const options = { direction: "higher" as const, precision: 0, range: PERCENT, seed };
          const r = meanResampledCutPoints(scores, options);
          const mean = [0, 1, 2, 3].map((s) => r.runs.reduce((a, run) => a + run[s]!, 0) / r.runs.length);
          mean.forEach((m, s) => assert.ok(Math.abs(m - r.mean[s]!) < 1e-9));
          r.thresholds.forEach((x, s) => assert.ok(Math.abs(x - r.mean[s]!) <= 0.5));
          for (let s = 1; s < 4; s++) {
            assert.ok(r.thresholds[s]! >= r.thresholds[s - 1]!, "thresholds ascend");
          }
          assert.deepEqual(meanResampledCutPoints(scores, options), r);
        },
      ),
      { numRuns: 25, seed: 17 },
    );
  });
  await t.step("lower-is-better thresholds descend from 2 to 5 stars", () => {
    const scores = Array.from({ length: 120 }, (_, i) => 5 + ((i * 37) % 30));
    const r: Thresholds = meanResampledCutPoints(scores, { direction: "lower", precision: 0, range: PERCENT })
      .thresholds;
    for (let s = 1; s < 4; s++) assert.ok(r[s]! < r[s - 1]!, JSON.stringify(r));
  });
  await t.step("a given fence replaces Tukey's: exactly the scores inside it are clustered", () => {
    const scores = [2, 5, ...[20, 40, 60, 80, 95].flatMap((v) => new Array<number>(20).fill(v))];
    const own = meanResampledCutPoints(scores, { direction: "higher", precision: 0, range: PERCENT });
    assert.equal(own.fence.removed, 0); // IQR 40: the fences do not reach 2 and 5
    const given = meanResampledCutPoints(scores, {
      direction: "higher",
      precision: 0,
      range: PERCENT,
      fence: { lower: 10, upper: 100 },
    });
    assert.deepEqual([given.fence.lower, given.fence.upper, given.fence.removed, given.n], [10, 100, 2, 102]);
    assert.deepEqual(given.thresholds, [40, 60, 80, 95]);
    assert.deepEqual(given.trimmedRange, { min: 20, max: 95 });
    assert.deepEqual(own.trimmedRange, { min: 2, max: 95 });
  });
  await t.step("says what is wrong with bad input", () => {
    assert.throws(
      () => meanResampledCutPoints([1, 2, NaN], { direction: "higher", precision: 0, range: PERCENT }),
      /score 2 is not a number/,
    );
    assert.throws(
      () => meanResampledCutPoints([1, 2, 3], { direction: "higher", precision: 0, range: PERCENT }),
      /from 3 scores inside the fences: expected ≥ 15/,
    );
  });
});
