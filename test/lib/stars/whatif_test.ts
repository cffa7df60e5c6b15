import assert from "node:assert/strict";
import fc from "fast-check";
import {
  contractsFromCms,
  cutPointsByKey,
  measureStatesFromCms,
} from "../../../src/lib/stars/cms_contracts.ts";
import type { CutPoints } from "../../../src/lib/stars/measure_stars.ts";
import { roundHalfUp } from "../../../src/lib/stars/rounding.ts";
import { RULES_2026 } from "../../../src/lib/stars/rules.ts";
import {
  applyChanges,
  evaluate,
  membersToNextStar,
  whatIf,
  type WhatIfContext,
} from "../../../src/lib/stars/whatif.ts";
import { catalogue2026, cms2026, contractInfo2026, published2026 } from "./_cms_2026.ts";

const BCS: CutPoints = { direction: "higher", thresholds: [58, 71, 76, 84] };
const PCR: CutPoints = { direction: "lower", thresholds: [12, 10, 9, 7] };

/** Brute force: the first n whose displayed rate reaches the next star. */
function bruteForce(num: number, den: number, cut: CutPoints): number | null {
  const shown = (n: number) => roundHalfUp((100 * (cut.direction === "higher" ? num + n : num - n)) / den, 0);
  const star = (x: number) =>
    1 + cut.thresholds.filter((t) => cut.direction === "higher" ? x >= t : x <= t).length;
  const now = star(shown(0));
  if (now === 5) return null;
  const room = cut.direction === "higher" ? den - num : num;
  for (let n = 0; n <= room; n++) if (star(shown(n)) > now) return n;
  return null;
}

Deno.test("membersToNextStar(): hand-worked and against brute force", async (t) => {
  await t.step("hand-worked", () => {
    assert.equal(membersToNextStar({ numerator: 740, denominator: 1000 }, BCS, 0), 15); // 74% → 75.5%
    assert.equal(membersToNextStar({ numerator: 755, denominator: 1000 }, BCS, 0), 80); // 4★: 83.5% → 835 − 755 = 80
    assert.equal(membersToNextStar({ numerator: 840, denominator: 1000 }, BCS, 0), null); // already 5★
    // PCR 11% of 200 (2★): 3★ needs a displayed 10%, i.e. < 10.5% → 20 events → 2 fewer readmissions.
    assert.equal(membersToNextStar({ numerator: 22, denominator: 200 }, PCR, 0), 2);
    assert.equal(membersToNextStar({ numerator: 1, denominator: 3 }, BCS, 0), 1); // 33% → 2 of 3 = 67% ≥ 58
  });
  await t.step("property: equals the brute-force search", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 400 }), fc.double({ min: 0, max: 1, noNaN: true }), (den, f) => {
        const num = Math.round(f * den);
        for (const cut of [BCS, PCR]) {
          assert.equal(
            membersToNextStar({ numerator: num, denominator: den }, cut, 0),
            bruteForce(num, den, cut),
          );
        }
      }),
      { seed: 11, numRuns: 400 },
    );
  });
  await t.step("bad rates are rejected", () => {
    assert.throws(
      () => membersToNextStar({ numerator: 5, denominator: 4 }, BCS, 0),
      /0 ≤ numerator ≤ denominator \(5\/4\)/,
    );
  });
});

/** The What-If context and current measures of one real 2026 contract. */
function realContract(id: string) {
  const [input] = contractsFromCms(
    {
      measures: cms2026.measureStars.measures,
      contracts: cms2026.measureStars.contracts.filter((c) => c.contractId === id),
    },
    cms2026.cai,
    catalogue2026,
    contractInfo2026,
  );
  const ctx: WhatIfContext = {
    catalogue: catalogue2026,
    rules: RULES_2026,
    cutPoints: cutPointsByKey(cms2026.cutPoints!, catalogue2026, input!.profile.kind === "pdp"),
    profile: input!.profile,
  };
  const data = cms2026.measureData!.contracts.find((c) => c.contractId === id)!;
  const stars = cms2026.measureStars.contracts.find((c) => c.contractId === id)!;
  return { ctx, measures: measureStatesFromCms(data, stars, catalogue2026) };
}

Deno.test("What-If on a real 2026 contract (H0028, published 3.5 / 3 / 3.5)", async (t) => {
  const { ctx, measures } = realContract("H0028");
  await t.step("scores through the cut points give CMS's published ratings", () => {
    const r = evaluate(ctx, measures);
    const [c, d, o] = published2026.get("H0028")!;
    assert.deepEqual([r.ratings.part_c.stars, r.ratings.part_d.stars, r.ratings.overall.stars].map(String), [
      c,
      d,
      o,
    ]);
    assert.equal(r.highest, 3.5);
  });
  await t.step("raising every adherence measure by 5 points lifts Part D and can cross 4 stars", () => {
    const changes = ["pdc_diabetes", "pdc_ras", "pdc_statins"].map((key) => ({ key, scoreDelta: 5 }));
    const cmp = whatIf(ctx, measures, changes);
    for (const key of ["pdc_diabetes", "pdc_ras", "pdc_statins"]) {
      const m = cmp.measures.find((x) => x.key === key)!;
      assert.ok(m.after! > m.before!, key);
    }
    assert.ok(cmp.after.ratings.part_d.value! > cmp.before.ratings.part_d.value!);
    assert.equal(cmp.crossesFourStars, cmp.after.highest! >= 4);
    assert.equal(cmp.losesFourStars, false);
  });
  await t.step(
    "setting every rated measure to 1 star loses nothing it did not have; to 5 stars crosses 4",
    () => {
      const all5 = measures.map((m) => ({ key: m.key, star: 5 }));
      const up = whatIf(ctx, measures, all5);
      assert.equal(up.crossesFourStars, true);
      assert.equal(up.after.highest, 5);
    },
  );
  await t.step("compliant members move the rate: 15 more of 1,000 lifts 74% to 75.5% → 4 stars", () => {
    const states = [{ key: "bcs", numerator: 740, denominator: 1000, score: 74 }];
    const after = applyChanges(states, [{ key: "bcs", addCompliant: 15 }], catalogue2026);
    assert.equal(after[0]!.score, 75.5);
    const pcr = applyChanges([{ key: "pcr", numerator: 22, denominator: 200, score: 11 }], [{
      key: "pcr",
      addCompliant: 2,
    }], catalogue2026);
    assert.equal(pcr[0]!.score, 10);
    assert.throws(
      () => applyChanges([{ key: "bcs", score: 74 }], [{ key: "bcs", addCompliant: 1 }], catalogue2026),
      /need a numerator/,
    );
  });
});
