import assert from "node:assert/strict";
import { contractsFromCms } from "../../../src/lib/stars/cms_contracts.ts";
import { RULES_2026 } from "../../../src/lib/stars/rules.ts";
import {
  type ContractProfile,
  rateContract,
  ratingRun,
  rewardFactor,
  weightedMean,
  weightedVariance,
} from "../../../src/lib/stars/summary.ts";
import { catalogue2026, cms2026, contractInfo2026, published2026 } from "./_cms_2026.ts";

const T_OVERALL = RULES_2026.reward["overall|ma_pd|with|with"]!; // 3.649351 / 3.932432, 0.91485 / 1.263462

Deno.test("weightedMean() and weightedVariance() follow TN Attachment H", async (t) => {
  await t.step("hand-worked: stars 5,4,2 with weights 3,1,1", () => {
    const items = [{ star: 5, weight: 3 }, { star: 4, weight: 1 }, { star: 2, weight: 1 }];
    // x̄ = (15 + 4 + 2) / 5 = 4.2; Σw(x−x̄)² = 3·0.64 + 0.04 + 4.84 = 6.8; s² = 3·6.8 / (2·5) = 2.04
    assert.equal(weightedMean(items), 4.2);
    assert.ok(Math.abs(weightedVariance(items, 4.2) - 2.04) < 1e-12);
  });
  await t.step("all-equal stars have variance 0; one measure has variance 0", () => {
    assert.equal(weightedVariance([{ star: 4, weight: 1 }, { star: 4, weight: 3 }], 4), 0);
    assert.equal(weightedVariance([{ star: 4, weight: 1 }], 4), 0);
  });
});

Deno.test("rewardFactor() picks 0.4/0.3/0.2/0.1/0 from the 2026 overall thresholds (TN Tables 8, 9)", async (t) => {
  const cases: [string, number, number, number][] = [
    ["high mean, low variance", 4.1, 0.5, 0.4],
    ["high mean at the 85th exactly, variance just under the 30th", 3.932432, 0.914849, 0.4],
    ["high mean, variance at the 30th exactly → medium", 4.1, 0.91485, 0.3],
    ["high mean, variance at the 70th exactly → high", 4.1, 1.263462, 0],
    ["relatively high mean, low variance", 3.8, 0.5, 0.2],
    ["relatively high mean at the 65th exactly, medium variance", 3.649351, 1.0, 0.1],
    ["mean just under the 65th", 3.64935, 0.1, 0],
    ["mean 3.9324315 rounds to 3.932432 at six decimals → high", 3.9324315, 0.5, 0.4],
  ];
  for (const [name, mean, variance, expected] of cases) {
    await t.step(name, () => assert.equal(rewardFactor(mean, variance, T_OVERALL), expected));
  }
});

/** A non-SNP MA-PD with the given overall-relevant stars; CAI category 4 (+0.003256 overall). */
function profile(overrides: Partial<ContractProfile> = {}): ContractProfile {
  return {
    contractId: "H0001",
    kind: "ccp",
    offersPartD: true,
    snp: false,
    puertoRicoOnly: false,
    fac: { part_c: 4, part_d: 3, overall: 4 },
    ...overrides,
  };
}

/** Every 2026 measure at `base` stars except the listed overrides (SNP-only measures left out). */
function stars(base: number, overrides: Record<string, number> = {}): Map<string, number> {
  const m = new Map<string, number>();
  for (const measure of catalogue2026.measures) {
    if (!measure.snpOnly) m.set(measure.key, overrides[measure.key] ?? base);
  }
  for (const [k, v] of Object.entries(overrides)) if (v === 0) m.delete(k);
  return m;
}

Deno.test("rateContract(): hand-worked contracts", async (t) => {
  await t.step("all 3 stars: mean 3, variance 0 (low) but mean below the 65th → 3 + 0 + CAI", () => {
    const r = rateContract(stars(3), profile(), catalogue2026, RULES_2026);
    assert.equal(r.overall.mean, 3);
    assert.equal(r.overall.rewardFactor, 0);
    assert.equal(r.overall.cai, 0.003256);
    assert.equal(r.overall.stars, 3);
    assert.equal(r.part_c.cai, 0.004022);
    assert.equal(r.part_d.cai, -0.002688);
  });
  await t.step("all 4 stars: high mean, variance 0 → +0.4 → 4.403256 → 4.5", () => {
    const r = rateContract(stars(4), profile(), catalogue2026, RULES_2026);
    assert.equal(r.overall.rewardFactor, 0.4);
    assert.equal(r.overall.value, 4 + 0.4 + 0.003256);
    assert.equal(r.overall.stars, 4.5);
  });
  await t.step("improvement hold-harmless: without improvement ≥ 4 stars and higher → kept", () => {
    // All 4 stars but both improvement measures at 1 star. Overall with improvement: 41 measures of weight 64
    // at 4 plus two of weight 5 at 1: x̄ = (256 + 10) / 74 = 3.594595, below the 65th → 3.597851 → 3.5.
    // Without improvement: x̄ = 4, variance 0 → rf 0.4 → 4.403256 → 4.5, which is ≥ 4 and higher: kept.
    const s = stars(4, { improvement_c: 1, improvement_d: 1 });
    const withImp = ratingRun("overall", s, profile(), catalogue2026, RULES_2026, {
      improvement: true,
      newMeasures: true,
    });
    assert.ok(Math.abs(withImp.mean! - 266 / 74) < 1e-12);
    assert.equal(withImp.stars, 3.5);
    const r = rateContract(s, profile(), catalogue2026, RULES_2026);
    assert.equal(r.overall.withImprovement, false);
    assert.equal(r.overall.stars, 4.5);
    // The summaries of an MA-PD always keep their improvement measure.
    assert.equal(r.part_c.withImprovement, true);
    assert.equal(r.part_d.withImprovement, true);
  });
  await t.step(
    "no hold-harmless below 4 stars: without improvement 3.5 → the with-improvement rating stays",
    () => {
      // Everything at 3 except improvement at 5: with improvement x̄ = (192 + 50) / 74 = 3.27027.
      const s = stars(3, { improvement_c: 5, improvement_d: 5 });
      const r = rateContract(s, profile(), catalogue2026, RULES_2026);
      assert.equal(r.overall.withImprovement, true);
      assert.ok(Math.abs(r.overall.mean! - 242 / 74) < 1e-12);
    },
  );
  await t.step("rounding at x.25 and x.75 (TN Table 22) through the CAI", () => {
    // All 3 stars, no reward: 3 + CAI. Category 9 (+0.145515) → 3.145515 → 3; a CAI pushing to 3.25 rounds up.
    const base = stars(3);
    const up = rateContract(base, profile({ fac: { part_c: 4, part_d: 3, overall: 9 } }), catalogue2026, {
      ...RULES_2026,
      cai: { ...RULES_2026.cai, overall: [0, 0, 0, 0, 0, 0, 0, 0, 0.25] },
    });
    assert.equal(up.overall.value, 3.25);
    assert.equal(up.overall.stars, 3.5);
    const down = rateContract(base, profile({ fac: { part_c: 4, part_d: 3, overall: 9 } }), catalogue2026, {
      ...RULES_2026,
      cai: { ...RULES_2026.cai, overall: [0, 0, 0, 0, 0, 0, 0, 0, 0.249999] },
    });
    assert.equal(down.overall.stars, 3);
    const four = rateContract(base, profile({ fac: { part_c: 4, part_d: 3, overall: 9 } }), catalogue2026, {
      ...RULES_2026,
      cai: { ...RULES_2026.cai, overall: [0, 0, 0, 0, 0, 0, 0, 0, 0.75] },
    });
    assert.equal(four.overall.stars, 4);
  });
  await t.step("minimum measures: 15 of 29 Part C for a CCP without SNP, 16 with SNP, 9 I-SNP only", () => {
    const fifteen = new Map<string, number>();
    for (
      const m of catalogue2026.measures.filter((m) => m.part === "C" && !m.snpOnly && !m.newMeasure).slice(
        0,
        15,
      )
    ) {
      fifteen.set(m.key, 4);
    }
    assert.equal(fifteen.has("improvement_c"), false);
    assert.equal(rateContract(fifteen, profile(), catalogue2026, RULES_2026).part_c.stars, 4.5);
    assert.equal(rateContract(fifteen, profile({ snp: true }), catalogue2026, RULES_2026).part_c.stars, null);
    assert.equal(
      rateContract(fifteen, profile({ snp: true }), catalogue2026, RULES_2026).part_c.missing,
      "not_enough_data",
    );
    const fourteen = new Map([...fifteen].slice(0, 14));
    fourteen.set("improvement_c", 4); // improvement measures do not count toward the minimum
    assert.equal(rateContract(fourteen, profile(), catalogue2026, RULES_2026).part_c.stars, null);
    assert.equal(
      rateContract(fourteen, profile({ snp: true, isnpOnly: true }), catalogue2026, RULES_2026).part_c.stars,
      4.5,
    );
  });
  await t.step("an overall rating needs both summaries", () => {
    const s = stars(4);
    for (const m of catalogue2026.measures) if (m.part === "D" && m.key !== "improvement_d") s.delete(m.key);
    const r = rateContract(s, profile(), catalogue2026, RULES_2026);
    assert.equal(r.part_d.stars, null);
    assert.equal(r.overall.stars, null);
    assert.equal(r.part_c.stars !== null, true);
  });
  await t.step("Puerto Rico: adherence measures weigh 0 in the summaries", () => {
    const s = stars(4, { pdc_diabetes: 1, pdc_ras: 1, pdc_statins: 1 });
    const pr = rateContract(s, profile({ puertoRicoOnly: true }), catalogue2026, RULES_2026);
    const us = rateContract(s, profile(), catalogue2026, RULES_2026);
    assert.equal(pr.part_d.mean, 4);
    // Part D weights total 27; without the PR rule three weight-3 measures at 1 star: (4·27 − 3·3·3) / 27 = 3.
    assert.equal(us.part_d.mean, 3);
  });
  await t.step("disaster ≥ 25%: the better of with and without the new measures", () => {
    const s = stars(4, { physical_health: 1, mental_health: 1, ked: 1 });
    const calm = rateContract(s, profile({ disasterPct: 24 }), catalogue2026, RULES_2026);
    const hit = rateContract(s, profile({ disasterPct: 25 }), catalogue2026, RULES_2026);
    assert.equal(calm.part_c.withNewMeasures, true);
    assert.equal(hit.part_c.withNewMeasures, false);
    assert.equal(hit.part_c.mean, 4);
    assert.ok(hit.overall.value! > calm.overall.value!);
  });
  await t.step("MA-only and PDP contracts: only their own rating, with hold-harmless on it", () => {
    const maOnly = rateContract(stars(4), profile({ offersPartD: false }), catalogue2026, RULES_2026);
    assert.equal(maOnly.highest, "part_c");
    assert.equal(maOnly.part_d.missing, "not_applicable");
    assert.equal(maOnly.overall.missing, "not_applicable");
    const pdp = rateContract(
      stars(4),
      profile({ kind: "pdp", fac: { part_c: null, part_d: 1, overall: null } }),
      catalogue2026,
      RULES_2026,
    );
    assert.equal(pdp.highest, "part_d");
    assert.equal(pdp.part_c.missing, "not_applicable");
    assert.equal(pdp.part_d.cai, -0.227881);
  });
});

Deno.test("rateContract() reproduces CMS's published 2026 Part C, Part D and overall ratings", async (t) => {
  const compare = (withIsnp: boolean, withInfo = true) => {
    const info = withInfo
      ? new Map([...contractInfo2026].map(([id, i]) => [id, withIsnp ? i : { ...i, isnpOnly: false }]))
      : new Map();
    const contracts = contractsFromCms(cms2026.measureStars, cms2026.cai, catalogue2026, info);
    let match = 0;
    let published = 0;
    const misses: string[] = [];
    for (const c of contracts) {
      const r = rateContract(c.stars, c.profile, catalogue2026, RULES_2026);
      const expected = published2026.get(c.profile.contractId) ?? ["", "", ""];
      const got = [r.part_c, r.part_d, r.overall].map((x) => x.stars === null ? "" : String(x.stars));
      for (let i = 0; i < 3; i++) {
        if (expected[i] === "" && got[i] === "") continue;
        if (expected[i] !== "") published++;
        if (expected[i] === got[i]) match++;
        else misses.push(`${c.profile.contractId}:${i}`);
      }
    }
    return { match, published, misses, contracts: contracts.length };
  };
  await t.step(
    "with the contract facts of the Summary Ratings table and the I-SNP-only flag: 1,653 of 1,653",
    () => {
      const r = compare(true);
      assert.equal(r.contracts, 769);
      assert.equal(r.published, 1653);
      assert.deepEqual(r.misses, []);
      assert.equal(r.match, 1653);
    },
  );
  await t.step(
    "without the I-SNP-only flag: the 17 I-SNP-only contracts lose 33 ratings, nothing else moves",
    () => {
      const r = compare(false);
      assert.equal(r.match, 1620);
      const isnp = [...contractInfo2026].filter(([, i]) => i.isnpOnly).map(([id]) => id);
      assert.equal(isnp.length, 17);
      assert.ok(r.misses.every((m) => isnp.includes(m.split(":")[0]!)), r.misses.join(" "));
    },
  );
  await t.step(
    "from the Measure Stars and CAI tables alone (SNP inferred, no disaster shares): 1,615",
    () => {
      const r = compare(false, false);
      assert.equal(r.match, 1615);
    },
  );
});
