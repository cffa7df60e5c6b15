import assert from "node:assert/strict";
import fc from "fast-check";
import { bonusStake, halfStarGap } from "../../../loaders/report/star_position.ts";
import { roundToHalfStar } from "../../../src/lib/stars/rounding.ts";

Deno.test("halfStarGap()", async (t) => {
  await t.step(
    "adding the gap reaches the next half star and a hair less does not (against roundToHalfStar)",
    () => {
      fc.assert(fc.property(fc.integer({ min: 0, max: 4_749_999 }), (micro) => {
        const value = micro / 1e6;
        const gap = halfStarGap(value);
        assert.equal(gap.rating, roundToHalfStar(value));
        assert.equal(roundToHalfStar(value + gap.toNext! + 1e-9), gap.next);
        assert.equal(roundToHalfStar(value + gap.toNext! - 2e-6), gap.rating);
        assert.equal(roundToHalfStar(value + gap.toFour + 1e-9) >= 4, true);
      }));
    },
  );
  await t.step("at 5 stars there is no next half star; at 4 or more nothing is missing to 4", () => {
    assert.deepEqual(halfStarGap(4.75), { rating: 5, next: null, toNext: null, toFour: 0 });
    assert.equal(halfStarGap(3.75).toFour, 0);
    assert.ok(Math.abs(halfStarGap(3.7).toFour - 0.05) < 1e-12);
  });
  await t.step("rejects a value that is no rating", () => {
    assert.throws(() => halfStarGap(Number.NaN), /rating value of NaN: expected a number from 0 to 5/);
    assert.throws(() => halfStarGap(-1), /rating value of -1/);
  });
});

Deno.test("bonusStake()", async (t) => {
  // Benchmark 1,000, bid 900, 1,000 members, 40% in double-bonus counties.
  // 3★: 900 + 0.5 · 100 = 950 PMPM. 3.5★: 900 + 0.65 · 100 = 965.
  // 4★ single: 900 + 0.65 · 150 = 997.5; double: 900 + 0.65 · 200 = 1,030 → 0.6 · 997.5 + 0.4 · 1,030 = 1,010.5.
  const f = { benchmarkPmpm: 1000, bidPmpm: 900, members: 1000, doubleBonusShare: 0.4 };
  await t.step("below 4★: revenue at 4★ minus revenue now", () => {
    assert.deepEqual(bonusStake(3, f), {
      kind: "gain",
      revenuePerYear: 11_400_000,
      revenueAtThreshold: 12_126_000,
      atStake: 726_000,
    });
  });
  await t.step("at 4★ or more: revenue now minus revenue at 3.5★", () => {
    const s = bonusStake(4, f);
    assert.equal(s.kind, "keep");
    assert.equal(s.revenueAtThreshold, 11_580_000);
    assert.ok(Math.abs(s.atStake - 546_000) < 1e-6);
  });
  await t.step("an unrated contract is paid as below 3.5★", () => {
    assert.equal(bonusStake(null, f).revenuePerYear, 11_400_000);
  });
});
