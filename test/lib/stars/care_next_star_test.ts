/**
 * The care worklist's hand-worked next-star cases on 2026 cut points (EED 60/72/80/86, PCR
 * 12/10/9/7, whole percent), answered by the star engine's `starFromScore` and `membersToNextStar`.
 */
import assert from "node:assert/strict";
import { type CutPoints, starFromScore } from "../../../src/lib/stars/measure_stars.ts";
import { roundHalfUp } from "../../../src/lib/stars/rounding.ts";
import { membersToNextStar } from "../../../src/lib/stars/whatif.ts";

const EED = { direction: "higher", thresholds: [60, 72, 80, 86] } as const;
const PCR = { direction: "lower", thresholds: [12, 10, 9, 7] } as const;

/** Star and closures to the next star of `numerator` of `denominator`, in whole percent. */
function nextStar(denominator: number, numerator: number, cut: CutPoints) {
  return {
    star: starFromScore((100 * numerator) / denominator, cut, 0),
    needed: membersToNextStar({ numerator, denominator }, cut, 0),
  };
}

Deno.test("starFromScore() on whole-percent scores", async (t) => {
  await t.step("higher is better: a cut point is the lowest score of its star", () => {
    assert.deepEqual([59, 60, 71, 72, 79, 80, 85, 86].map((s) => starFromScore(s, EED, 0)), [
      1,
      2,
      2,
      3,
      3,
      4,
      4,
      5,
    ]);
  });
  await t.step("lower is better (PCR): > 12 is 1★, ≤ 7 is 5★", () => {
    assert.deepEqual([13, 12, 11, 10, 9, 8, 7].map((s) => starFromScore(s, PCR, 0)), [1, 2, 2, 3, 4, 4, 5]);
  });
});

Deno.test("membersToNextStar() for care closures", async (t) => {
  await t.step("70 of 100 on 60/72/80/86 is 2★ and needs 2 closures for 72% (3★)", () => {
    assert.deepEqual(nextStar(100, 70, EED), { star: 2, needed: 2 });
  });
  await t.step("rounds half up: 5 of 8 = 62.5% → 63%", () => {
    assert.deepEqual(roundHalfUp((100 * 5) / 8, 0), 63);
    // 47/80 = 58.75 → 59 (1★); 48/80 = 60 → 2★.
    assert.deepEqual(nextStar(80, 47, EED), { star: 1, needed: 1 });
  });
  await t.step("PCR: 34 readmissions of 274 stays is 12% (2★); 6 fewer give 10% (3★)", () => {
    // 28/274 = 10.22% → 10 → 3★; 29/274 = 10.58% → 11 → 2★.
    assert.deepEqual(nextStar(274, 34, PCR), { star: 2, needed: 6 });
  });
  await t.step("no next star at 5★", () => {
    assert.deepEqual(nextStar(100, 90, EED), { star: 5, needed: null });
  });
  await t.step("null when even closing every gap does not reach it", () => {
    // 1 of 3: 33% → 1★; all 3 = 100% → 5★ so reachable; 0 of 1 → 0%, 1 of 1 → 100%.
    assert.deepEqual(nextStar(3, 1, EED), { star: 1, needed: 1 });
    assert.deepEqual(nextStar(1, 1, { direction: "higher", thresholds: [101, 102, 103, 104] }), {
      star: 1,
      needed: null,
    });
  });
  await t.step("rejects a numerator above the denominator", () => {
    assert.throws(
      () => membersToNextStar({ numerator: 11, denominator: 10 }, EED, 0),
      (e: Error) => e.message.includes("11/10"),
    );
  });
});
