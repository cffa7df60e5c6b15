import assert from "node:assert/strict";
import fc from "fast-check";
import { improvementCutPoints } from "../../../src/lib/stars/cut_points_improvement.ts";

Deno.test("improvementCutPoints()", async (t) => {
  await t.step("clusters declines into 2 levels and non-declines into 3; 3★ starts at 0", () => {
    // 15 contracts at each value: a leave-one-out run (9 of 10 groups) always keeps every value.
    const values = [-0.5, -0.49, -0.1, -0.09, 0, 0.01, 0.3, 0.31, 0.6, 0.61];
    const scores = values.flatMap((v) => new Array<number>(15).fill(v));
    const r = improvementCutPoints(scores, { seed: 3 });
    assert.deepEqual(r.thresholds, [-0.1, 0, 0.3, 0.6]);
    assert.deepEqual([r.declines, r.nonDeclines], [60, 90]);
  });
  await t.step("a score of exactly 0 is never clustered with declines", () => {
    // Without the split, Ward would put 0 with −0.001 (far from 0.3); with it, 0 is in the 3★ cluster.
    const scores = [
      ...new Array<number>(20).fill(-0.3),
      ...new Array<number>(20).fill(-0.001),
      ...new Array<number>(20).fill(0),
      ...new Array<number>(20).fill(0.3),
      ...new Array<number>(20).fill(0.5),
    ];
    assert.deepEqual(improvementCutPoints(scores).thresholds, [-0.001, 0, 0.3, 0.5]);
  });
  await t.step("thresholds are ordered and reproducible for a seed", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -400, max: 700 }), { minLength: 80, maxLength: 160 }),
        fc.integer(),
        (ints, seed) => {
          const scores = ints.map((i) => i / 1000);
          fc.pre(scores.filter((x) => x < 0).length >= 20 && scores.filter((x) => x >= 0).length >= 20);
          const r = improvementCutPoints(scores, { seed });
          assert.ok(r.thresholds[0] < 0 && r.thresholds[1] === 0, JSON.stringify(r.thresholds));
          assert.ok(r.thresholds[2] >= 0 && r.thresholds[3] >= r.thresholds[2], JSON.stringify(r.thresholds));
          assert.deepEqual(improvementCutPoints(scores, { seed }), r);
        },
      ),
      { numRuns: 30, seed: 31 },
    );
  });
  await t.step("says which input is unusable", () => {
    assert.throws(() => improvementCutPoints([0.1, 1.5]), /score 1 is not in \[−1, 1\] \(1.5\)/);
    assert.throws(() => improvementCutPoints(new Array<number>(30).fill(0.2)), /from 0 declining scores/);
  });
});
