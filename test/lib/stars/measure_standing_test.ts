import assert from "node:assert/strict";
import { cutPointsByKey, measureStatesFromCms } from "../../../src/lib/stars/cms_contracts.ts";
import { contractsFromCms } from "../../../src/lib/stars/cms_contracts.ts";
import type { CutPoints } from "../../../src/lib/stars/measure_stars.ts";
import { measureStanding, starsAtStake } from "../../../src/lib/stars/measure_standing.ts";
import { revenueDelta } from "../../../src/lib/stars/money.ts";
import { ownContext } from "../../../src/lib/stars/own_contract.ts";
import { RULES_2026 } from "../../../src/lib/stars/rules.ts";
import { applyChanges, evaluate, type WhatIfContext } from "../../../src/lib/stars/whatif.ts";
import { catalogue2026, cms2026, contractInfo2026 } from "./_cms_2026.ts";

const cuts = new Map<string, CutPoints>([
  ["bcs", { direction: "higher", thresholds: [58, 71, 76, 84] }],
  ["pcr", { direction: "lower", thresholds: [12, 10, 9, 7] }],
]);
const states = [
  { key: "bcs", score: 74, numerator: 740, denominator: 1000 },
  { key: "pcr", score: 11, numerator: 22, denominator: 200 },
  { key: "getting_needed_care", star: 4 },
];

Deno.test("measureStanding(): hand-worked distances", () => {
  const ctx = ownContext(catalogue2026, cuts, "H9999", states);
  const [bcs, pcr, gnc] = measureStanding(ctx, states);
  // 74% is 3★; 4★ needs a displayed 76 → 2 points, and 755 of 1,000 (75.5% rounds to 76) → 15 members.
  assert.deepEqual(
    [bcs!.star, bcs!.score, bcs!.nextThreshold, bcs!.pointsToNext, bcs!.membersToNext],
    [3, 74, 76, 2, 15],
  );
  // PCR 11% (lower is better) is 2★; 3★ needs ≤ 10 → 1 point; 20 of 200 = 10% → 2 fewer readmissions.
  assert.deepEqual(
    [pcr!.star, pcr!.score, pcr!.nextThreshold, pcr!.pointsToNext, pcr!.membersToNext, pcr!.weight],
    [2, 11, 10, 1, 2, 3],
  );
  assert.deepEqual([gnc!.star, gnc!.score, gnc!.pointsToNext], [4, null, null]);
});

Deno.test("starsAtStake() on a real 2026 contract", async (t) => {
  const id = "H0028";
  const contract = contractsFromCms(cms2026.measureStars, cms2026.cai, catalogue2026, contractInfo2026)
    .find((c) => c.profile.contractId === id)!;
  const data = cms2026.measureData!.contracts.find((c) => c.contractId === id)!;
  const starRow = cms2026.measureStars.contracts.find((c) => c.contractId === id)!;
  const measures = measureStatesFromCms(data, starRow, catalogue2026);
  const ctx: WhatIfContext = {
    catalogue: catalogue2026,
    rules: RULES_2026,
    cutPoints: cutPointsByKey(cms2026.cutPoints!, catalogue2026, false),
    profile: contract.profile,
  };
  const money = { benchmarkPmpm: 1000, bidPmpm: 900, members: 10000 };
  const stakes = starsAtStake(ctx, measures, money);
  await t.step("every measure below 5★ with a score and cut points is listed once", () => {
    const below = measureStanding(ctx, measures).filter((m) =>
      m.star !== null && m.star < 5 && m.score !== null
    );
    assert.deepEqual(stakes.map((s) => s.key).sort(), below.map((m) => m.key).sort());
    assert.equal(stakes[0]!.ratingBefore, 3.5); // CMS's published overall rating of H0028
  });
  await t.step("ranked by weight per point, descending", () => {
    for (let i = 1; i < stakes.length; i++) {
      assert.ok(stakes[i - 1]!.weightedStarsPerPoint >= stakes[i]!.weightedStarsPerPoint);
    }
  });
  await t.step("the change reaches exactly the next star", () => {
    for (const s of stakes) {
      const moved = s.nextThreshold! - s.rawScore!;
      const after = evaluate(ctx, applyChanges(measures, [{ key: s.key, scoreDelta: moved }], catalogue2026));
      assert.equal(after.stars.get(s.key), s.star! + 1, s.key);
    }
  });
  await t.step("revenue follows the money functions for the rating change", () => {
    for (const s of stakes) {
      const expected = s.ratingAfter === s.ratingBefore
        ? 0
        : revenueDelta(s.ratingBefore!, s.ratingAfter!, money).perYear;
      assert.equal(s.revenuePerYear, expected);
    }
    // 3.5 → 4 with B = 1,000, bid = 900, 10,000 members: 965 → 997.5 PMPM = $3.9m a year (money.ts example).
    const crossing = stakes.find((s) => s.ratingAfter === 4);
    if (crossing) assert.equal(crossing.revenuePerYear, 3_900_000);
  });
});
