import assert from "node:assert/strict";
import fc from "fast-check";
import { sasQuantile, tukeyOuterFence } from "../../../src/lib/stars/tukey_fence.ts";

Deno.test("sasQuantile()", async (t) => {
  await t.step("averages the two order statistics when n·p is an integer (QNTLDEF=5)", () => {
    // n = 8, p = .25: n·p = 2 → (x₂ + x₃)/2; p = .75: n·p = 6 → (x₆ + x₇)/2
    const x = [1, 2, 4, 8, 16, 32, 64, 128];
    assert.equal(sasQuantile(x, 0.25), 3);
    assert.equal(sasQuantile(x, 0.75), 48);
  });
  await t.step("takes the next order statistic otherwise", () => {
    // n = 10, p = .25: n·p = 2.5 → x₃; p = .75: n·p = 7.5 → x₈
    const x = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100];
    assert.equal(sasQuantile(x, 0.25), 30);
    assert.equal(sasQuantile(x, 0.75), 80);
  });
  await t.step("n·p landing a hair off an integer in floating point still averages", () => {
    const x = Array.from({ length: 100 }, (_, i) => i + 1); // n·0.75 = 75 exactly; (75 + 76)/2
    assert.equal(sasQuantile(x, 0.75), 75.5);
  });
  await t.step("rejects empty input and p outside (0, 1)", () => {
    assert.throws(() => sasQuantile([], 0.5), /no scores/);
    assert.throws(() => sasQuantile([1], 1), /p=1/);
  });
});

Deno.test("tukeyOuterFence()", async (t) => {
  await t.step("drops scores beyond Q1 − 3·IQR and Q3 + 3·IQR, keeping the boundary", () => {
    // n = 8: Q1 = (x₂+x₃)/2 = 11.5, Q3 = (x₆+x₇)/2 = 15.5, IQR 4 → fences −0.5 and 27.5.
    const f = tukeyOuterFence([10, 11, 12, 13, 14, 15, 16, 60]);
    assert.deepEqual([f.q1, f.q3, f.lower, f.upper, f.removed], [11.5, 15.5, -0.5, 27.5, 1]);
    assert.deepEqual(f.kept, [10, 11, 12, 13, 14, 15, 16]);
    const edge = tukeyOuterFence([10, 11, 12, 13, 14, 15, 16, 27.5]);
    // Replacing 60 by 27.5 leaves x₆ = 15 and x₇ = 16, so Q3 and the fence stay: 27.5 is on it, and kept.
    assert.equal(edge.removed, 0);
  });
  await t.step("clamps the fences to the scale's range", () => {
    const f = tukeyOuterFence([90, 95, 96, 97, 98, 99, 100, 100], { min: 0, max: 100 });
    assert.equal(f.upper, 100);
    assert.equal(f.lower, Math.max(0, f.q1 - 3 * (f.q3 - f.q1)));
  });
  await t.step("keeps every score between the fences and only those", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 4, maxLength: 60 }), (xs) => {
        const f = tukeyOuterFence(xs, { min: 0, max: 100 });
        assert.equal(f.kept.length + f.removed, xs.length);
        assert.ok(f.kept.every((x) => x >= f.lower && x <= f.upper));
        assert.ok(f.kept.length >= xs.length / 2, "at least the middle half survives");
      }),
      { numRuns: 200, seed: 11 },
    );
  });
});
