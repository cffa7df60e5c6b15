import assert from "node:assert/strict";
import { closuresToNextStar, measureStar, wholePercent } from "../../../../src/lib/care/next_star.ts";
import { gapPriority } from "../../../../src/lib/care/priority.ts";

const EED = { direction: "higher", cuts: [60, 72, 80, 86] } as const;
const PCR = { direction: "lower", cuts: [12, 10, 9, 7] } as const;

Deno.test("measureStar()", async (t) => {
  await t.step("higher is better: a cut point is the lowest score of its star", () => {
    assert.deepEqual([59, 60, 71, 72, 79, 80, 85, 86].map((s) => measureStar(s, EED)), [
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
    assert.deepEqual([13, 12, 11, 10, 9, 8, 7].map((s) => measureStar(s, PCR)), [1, 2, 2, 3, 4, 4, 5]);
  });
});

Deno.test("closuresToNextStar()", async (t) => {
  await t.step("70 of 100 on 60/72/80/86 is 2★ and needs 2 closures for 72% (3★)", () => {
    assert.deepEqual(closuresToNextStar(100, 70, EED), { star: 2, needed: 2 });
  });
  await t.step("rounds half up: 5 of 8 = 62.5% → 63%", () => {
    assert.deepEqual(wholePercent(5, 8), 63);
    // 47/80 = 58.75 → 59 (1★); 48/80 = 60 → 2★.
    assert.deepEqual(closuresToNextStar(80, 47, EED), { star: 1, needed: 1 });
  });
  await t.step("PCR: 34 readmissions of 274 stays is 12% (2★); 6 fewer give 10% (3★)", () => {
    // 28/274 = 10.22% → 10 → 3★; 29/274 = 10.58% → 11 → 2★.
    assert.deepEqual(closuresToNextStar(274, 34, PCR), { star: 2, needed: 6 });
  });
  await t.step("no next star at 5★", () => {
    assert.deepEqual(closuresToNextStar(100, 90, EED), { star: 5, needed: null });
  });
  await t.step("null when even closing every gap does not reach it", () => {
    // 1 of 3: 33% → 1★; all 3 = 100% → 5★ so reachable; 0 of 1 → 0%, 1 of 1 → 100%.
    assert.deepEqual(closuresToNextStar(3, 1, EED), { star: 1, needed: 1 });
    assert.deepEqual(closuresToNextStar(1, 1, { direction: "higher", cuts: [101, 102, 103, 104] }), {
      star: 1,
      needed: null,
    });
  });
  await t.step("rejects a numerator above the denominator", () => {
    assert.throws(() => closuresToNextStar(10, 11, EED), (e: Error) => e.message.includes("11/10"));
  });
});

Deno.test("gapPriority()", async (t) => {
  await t.step("weight × 1/needed × probability", () => {
    assert.deepEqual(gapPriority(3, 4, 0.2), 0.15000000000000002);
    assert.deepEqual(gapPriority(1, 1, 0.5), 0.5);
  });
  await t.step("a measure with no next star keeps 1% of its weight", () => {
    assert.deepEqual(gapPriority(3, null, 0.5), 0.015);
  });
  await t.step("rejects a probability above 1", () => {
    assert.throws(() => gapPriority(1, 1, 1.5), (e: Error) => e.message.includes("1.5"));
  });
});
