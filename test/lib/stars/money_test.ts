import assert from "node:assert/strict";
import { payment, qualityBonusPct, rebateShare, revenueDelta } from "../../../src/lib/stars/money.ts";

const INPUTS = { benchmarkPmpm: 1000, bidPmpm: 900, members: 10_000 };

Deno.test("qualityBonusPct() and rebateShare() by star level", () => {
  assert.deepEqual([2.5, 3, 3.5, 4, 4.5, 5].map((r) => qualityBonusPct(r, false)), [
    0,
    0,
    0,
    0.05,
    0.05,
    0.05,
  ]);
  assert.deepEqual([3.5, 4, 5].map((r) => qualityBonusPct(r, true)), [0, 0.1, 0.1]);
  assert.equal(qualityBonusPct("low_enrollment", true), 0.035);
  assert.equal(qualityBonusPct("not_rated", true), 0);
  assert.deepEqual([2, 3, 3.5, 4, 4.5, 5].map(rebateShare), [0.5, 0.5, 0.65, 0.65, 0.7, 0.7]);
  assert.equal(rebateShare("low_enrollment"), 0.65);
});

Deno.test("payment(): hand-worked PMPM and annual revenue", async (t) => {
  await t.step("3 stars: no bonus, 50% of 100 → 950 PMPM, 114 M a year for 10,000 members", () => {
    const p = payment(3, INPUTS);
    assert.deepEqual(p, {
      bonusPct: 0,
      benchmarkWithBonusPmpm: 1000,
      rebateShare: 0.5,
      rebatePmpm: 50,
      revenuePmpm: 950,
      revenuePerYear: 114_000_000,
    });
  });
  await t.step("4.5 stars in a double-bonus county: B★ = 1,100, 70% of 200 → 1,040", () => {
    const p = payment(4.5, { ...INPUTS, doubleBonusCounty: true });
    assert.equal(p.benchmarkWithBonusPmpm, 1100);
    assert.equal(p.rebatePmpm, 140);
    assert.equal(p.revenuePmpm, 1040);
  });
  await t.step("bonus on the FFS rate, capped at the applicable amount", () => {
    // 4★: bonus 5% of FFS 900 = 45 → 1,045, capped at 1,030; rebate 0.65 × 130 = 84.5.
    const p = payment(4, { ...INPUTS, ffsRatePmpm: 900, benchmarkCapPmpm: 1030 });
    assert.equal(p.benchmarkWithBonusPmpm, 1030);
    assert.equal(p.rebatePmpm, 0.65 * 130);
  });
  await t.step("a bid above the benchmark earns no rebate and is paid the benchmark", () => {
    const p = payment(4, { ...INPUTS, bidPmpm: 1100 });
    assert.equal(p.rebatePmpm, 0);
    assert.equal(p.revenuePmpm, 1050);
  });
  await t.step("bad inputs are named", () => {
    assert.throws(
      () => payment(4, { ...INPUTS, members: -1 }),
      /Payment input "members" must be a number ≥ 0 \(-1\)/,
    );
  });
});

Deno.test("revenueDelta(): the three steps that move money", () => {
  // 3.0 → 3.5: rebate share 50% → 65% of 100 → +15 PMPM.
  assert.equal(revenueDelta(3, 3.5, INPUTS).perMemberMonth, 15);
  // 3.5 → 4.0: benchmark +50, 65% of 150 instead of 100 → +32.5 PMPM, +3.9 M a year.
  const cross = revenueDelta(3.5, 4, INPUTS);
  assert.equal(cross.perMemberMonth, 32.5);
  assert.equal(cross.perYear, 3_900_000);
  // 4.0 → 4.5: share 65% → 70% of 150 → +7.5 PMPM.
  assert.ok(Math.abs(revenueDelta(4, 4.5, INPUTS).perMemberMonth - 7.5) < 1e-9);
  // Losing 4 stars is the mirror image.
  assert.equal(revenueDelta(4, 3.5, INPUTS).perMemberMonth, -32.5);
});
