import assert from "node:assert/strict";
import fc from "fast-check";
import type { CutPoints } from "../../../src/lib/stars/measure_stars.ts";
import { RULES_2026 } from "../../../src/lib/stars/rules.ts";
import type { ContractProfile } from "../../../src/lib/stars/summary.ts";
import { weakMeasures } from "../../../src/lib/stars/weak_measures.ts";
import { type MeasureState, whatIf, type WhatIfContext } from "../../../src/lib/stars/whatif.ts";
import { catalogue2026 } from "./_cms_2026.ts";

// An MA-only contract with exactly the 15 Part C measures its rating needs (TN Table 6), Σ weights = 22.
const profile: ContractProfile = {
  contractId: "H0001",
  kind: "ccp",
  offersPartD: false,
  snp: false,
  puertoRicoOnly: false,
  fac: { part_c: null, part_d: null, overall: null },
};
const cutPoints = new Map<string, CutPoints>([
  ["bcs", { direction: "higher", thresholds: [58, 71, 76, 84] }],
  ["gsd", { direction: "higher", thresholds: [60, 70, 80, 90] }],
  ["pcr", { direction: "lower", thresholds: [12, 10, 9, 7] }],
]);
const ctx: WhatIfContext = { catalogue: catalogue2026, rules: RULES_2026, cutPoints, profile };
const measures: MeasureState[] = [
  { key: "bcs", score: 74, numerator: 740, denominator: 1000 }, // 3★, weight 1
  { key: "gsd", score: 75, numerator: 75, denominator: 100 }, // 3★, weight 3
  { key: "pcr", score: 11, numerator: 22, denominator: 200 }, // 2★, weight 3, lower is better
  ...Object.entries({
    col: 4,
    flu_vaccine: 3,
    physical_activity: 4,
    omw: 5,
    eed: 4,
    cbp: 4,
    fall_risk: 5,
    mrp: 5,
    spc: 4,
    trc: 5,
    fmc: 3,
    getting_needed_care: 4,
  }).map(([key, star]) => ({ key, star })),
];
const finance = { benchmarkPmpm: 1000, bidPmpm: 900, members: 1000, doubleBonusShare: 0 };

Deno.test("weakMeasures()", async (t) => {
  const ranked = weakMeasures(ctx, measures, finance);
  const byKey = new Map(ranked.map((w) => [w.key, w]));

  await t.step("members to the next star, hand-worked", () => {
    // PCR 22/200 = 11% (2★); 3★ needs a displayed 10%, i.e. < 10.5% → 20 readmissions → 2 fewer.
    assert.equal(byKey.get("pcr")!.membersToNextStar, 2);
    // GSD 75/100 (3★); 4★ needs a displayed 80%, i.e. ≥ 79.5% → 80 → 5 more.
    assert.equal(byKey.get("gsd")!.membersToNextStar, 5);
    // BCS 740/1,000 (3★); 4★ needs ≥ 75.5% → 755 → 15 more.
    assert.equal(byKey.get("bcs")!.membersToNextStar, 15);
    assert.equal(byKey.get("cbp")!.membersToNextStar, null);
  });

  await t.step("ranked by weighted stars per 100 members, then by rating gain, then CMS ID", () => {
    // 100·3/2 = 150, 100·3/5 = 60, 100·1/15 = 6.67; star-only measures after, by the value they add.
    assert.deepEqual(ranked.map((w) => w.key), [
      "pcr",
      "gsd",
      "bcs",
      "cbp",
      "getting_needed_care",
      "col",
      "flu_vaccine",
      "physical_activity",
      "eed",
      "spc",
      "fmc",
    ]);
    assert.equal(byKey.get("pcr")!.starsAtStakePer100, 150);
    assert.equal(byKey.get("gsd")!.starsAtStakePer100, 60);
    assert.ok(!byKey.has("omw"), "measures at 5 stars have nothing at stake");
  });

  await t.step("rating effect recomputed with the engine (mean, variance, reward factor)", () => {
    // Before: Σ w·star = 80 → mean 80/22 = 3.636364 < 3.695652 (65th pct) → no reward factor → 3.5★.
    for (const w of ranked) {
      assert.equal(w.ratingBefore, 3.5);
      assert.ok(Math.abs(w.valueBefore! - 80 / 22) < 1e-12);
    }
    // PCR 2→3★: Σ = 83, mean 3.772727, weighted variance 0.577774 (< 0.918435) → reward factor 0.2 → 3.972727 → 4★.
    assert.ok(Math.abs(byKey.get("pcr")!.valueAfter! - (83 / 22 + 0.2)) < 1e-12);
    assert.equal(byKey.get("pcr")!.ratingAfter, 4);
    // CBP 4→5★: same mean, variance 1.162190 (medium) → reward factor 0.1 → 3.872727 → 4★.
    assert.ok(Math.abs(byKey.get("cbp")!.valueAfter! - (83 / 22 + 0.1)) < 1e-12);
    // Getting needed care (weight 2) 4→5★: mean 82/22 = 3.727273, variance 1.089138 → 0.1 → 3.827273 → 4★.
    assert.ok(Math.abs(byKey.get("getting_needed_care")!.valueAfter! - (82 / 22 + 0.1)) < 1e-12);
    // BCS 3→4★: mean 81/22 = 3.681818 < 3.695652 → 3.5★.
    assert.equal(byKey.get("bcs")!.ratingAfter, 3.5);
  });

  await t.step("dollar effect from the money rules", () => {
    // 3.5★ → 4★: B★ 1,000 → 1,050, rebate 65% both → 965 → 997.5 PMPM → 32.5 × 12 × 1,000 = 390,000.
    assert.equal(byKey.get("pcr")!.revenueChangePerYear, 390_000);
    assert.equal(byKey.get("pcr")!.crossesFourStars, true);
    assert.equal(byKey.get("bcs")!.revenueChangePerYear, 0);
    assert.equal(byKey.get("bcs")!.crossesFourStars, false);
  });

  await t.step(
    "a quarter of members in double-bonus counties raises the gain by a quarter of the extra 5%",
    () => {
      const mixed = weakMeasures(ctx, measures, { ...finance, doubleBonusShare: 0.25 });
      // Double-bonus county: 4★ B★ = 1,100 → 900 + 0.65·200 = 1,030 → Δ 65 PMPM; mix 0.75·32.5 + 0.25·65 = 40.625.
      assert.equal(mixed[0]!.revenueChangePerYear, 40.625 * 12 * 1000);
    },
  );
});

Deno.test("weakMeasures(): properties on random contracts", () => {
  const rate = (key: string) =>
    fc.integer({ min: 20, max: 400 }).chain((den) =>
      fc.integer({ min: 0, max: den }).map((num) => ({
        key,
        score: (100 * num) / den,
        numerator: num,
        denominator: den,
      }))
    );
  const contract = fc.tuple(
    rate("bcs"),
    rate("gsd"),
    rate("pcr"),
    fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 12, maxLength: 12 }),
  ).map((
    [a, b, c, stars],
  ) => [a, b, c, ...measures.slice(3).map((m, i) => ({ key: m.key, star: stars[i]! }))]);
  fc.assert(
    fc.property(contract, (ms: MeasureState[]) => {
      const ranked = weakMeasures(ctx, ms, finance);
      const withMembers = ranked.filter((w) => w.membersToNextStar !== null);
      // Member-based measures come first, in non-increasing stars at stake per 100 members.
      assert.deepEqual(ranked.slice(0, withMembers.length), withMembers);
      withMembers.forEach((w, i) => {
        if (i > 0) assert.ok(withMembers[i - 1]!.starsAtStakePer100! >= w.starsAtStakePer100!);
        // N is the fewest members: one fewer does not reach the next star.
        const fewer = whatIf(ctx, ms, [{ key: w.key, addCompliant: w.membersToNextStar! - 1 }]);
        assert.equal(fewer.after.stars.get(w.key), w.star);
      });
      for (const w of ranked) assert.ok(w.star < 5);
    }),
    { seed: 5, numRuns: 60 },
  );
});
