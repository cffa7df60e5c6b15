import assert from "node:assert/strict";
import fc from "fast-check";
import {
  contractsFromCms,
  cutPointsByKey,
  measureStatesFromCms,
} from "../../../src/lib/stars/cms_contracts.ts";
import { RULES_2026 } from "../../../src/lib/stars/rules.ts";
import {
  decodeScenario,
  encodeScenario,
  interventionCost,
  interventionsFromRows,
  runScenario,
  type Scenario,
  scenarioChanges,
} from "../../../src/lib/stars/scenario.ts";
import type { WhatIfContext } from "../../../src/lib/stars/whatif.ts";
import { catalogue2026, cms2026, contractInfo2026 } from "./_cms_2026.ts";

const library = interventionsFromRows([
  {
    id: "mammo",
    name: "Reminders",
    measures: "bcs",
    lift_points: 3,
    lift_source: "assumption",
    cost_per_member: 8,
  },
  {
    id: "transitions",
    name: "Care transitions",
    measures: "pcr",
    lift_points: 1,
    lift_source: "assumption",
    cost_per_member: 120,
  },
  {
    id: "service",
    name: "Service training",
    measures: "getting_needed_care;customer_service",
    lift_points: 1,
    lift_source: "assumption",
    cost_per_member: 4,
  },
], catalogue2026);

const states = [
  { key: "bcs", score: 74, numerator: 740, denominator: 1000 },
  { key: "pcr", score: 11, numerator: 22, denominator: 200 },
  { key: "getting_needed_care", score: 80 },
  { key: "complaints_plan", score: 0.5 },
];

const base: Scenario = {
  contract: "H9901",
  members: {},
  points: {},
  interventions: [],
  benchmarkPmpm: 1000,
  bidPmpm: 900,
  enrolled: 2500,
  doubleBonusShare: 0,
};

Deno.test("interventionsFromRows(): unknown measures and bad numbers are errors", () => {
  const row = {
    id: "x",
    name: "X",
    measures: "bcs;nope",
    lift_points: 1,
    lift_source: "",
    cost_per_member: 1,
  };
  assert.throws(
    () => interventionsFromRows([row], catalogue2026),
    /row 2: "measures" must be keys of Star year 2026/,
  );
  assert.throws(
    () => interventionsFromRows([{ ...row, measures: "bcs", lift_points: null }], catalogue2026),
    /row 2: "lift_points" must be a number ≥ 0 \(null\)/,
  );
});

Deno.test("scenarioChanges(): sliders plus interventions, hand-worked", () => {
  const s = {
    ...base,
    members: { bcs: 10 },
    points: { getting_needed_care: 2, complaints_plan: 1 },
    interventions: ["mammo", "transitions", "service"],
  };
  assert.deepEqual(scenarioChanges(s, states, catalogue2026, library), [
    { key: "bcs", addCompliant: 40 }, // 10 + 3% of 1,000
    { key: "pcr", addCompliant: 2 }, // 1% of 200 fewer readmissions
    { key: "getting_needed_care", scoreDelta: 3 }, // 2 + 1 point
    { key: "complaints_plan", scoreDelta: -0.5 }, // lower is better; 1 point down, kept at ≥ 0
  ]);
  assert.deepEqual(scenarioChanges(base, states, catalogue2026, library), []);
});

Deno.test("interventionCost(): per targeted member, enrolled members without a denominator", () => {
  const s = { ...base, interventions: ["mammo", "transitions", "service"] };
  // 8 × 1,000 + 120 × 200 + 4 × 2,500
  assert.equal(interventionCost(s, states, library), 8_000 + 24_000 + 10_000);
});

Deno.test("runScenario() on CMS's H0028 (3.5★): every score measure to its best", () => {
  const id = "H0028";
  const contract = contractsFromCms(cms2026.measureStars, cms2026.cai, catalogue2026, contractInfo2026)
    .find((c) => c.profile.contractId === id)!;
  const measures = measureStatesFromCms(
    cms2026.measureData!.contracts.find((c) => c.contractId === id)!,
    cms2026.measureStars.contracts.find((c) => c.contractId === id)!,
    catalogue2026,
  );
  const ctx: WhatIfContext = {
    catalogue: catalogue2026,
    rules: RULES_2026,
    cutPoints: cutPointsByKey(cms2026.cutPoints!, catalogue2026, false),
    profile: contract.profile,
  };
  const points = Object.fromEntries(measures.filter((m) => m.score !== undefined).map((m) => [m.key, 100]));
  const s = { ...base, enrolled: 10000, points, interventions: ["service"] };
  const r = runScenario(ctx, measures, s, library);
  assert.equal(r.comparison.before.highest, 3.5);
  assert.ok(r.comparison.after.highest! >= 4.5, `after ${r.comparison.after.highest}`);
  assert.equal(r.comparison.crossesFourStars, true);
  // 3.5★: 900 + 0.65 × 100 = 965; ≥ 4.5★: B★ = 1,050 → 900 + 0.7 × 150 = 1,005 → +40 PMPM × 12 × 10,000.
  assert.equal(r.revenuePmpm, 40);
  assert.equal(r.revenuePerYear, 4_800_000);
  assert.equal(r.cost, 40_000); // 4 × 10,000 enrolled
  assert.equal(r.roi, (4_800_000 - 40_000) / 40_000);
  assert.equal(r.paybackMonths, 0.1); // 40,000 / 400,000 a month
  const none = runScenario(ctx, measures, base, library);
  assert.deepEqual([none.revenuePerYear, none.cost, none.roi, none.paybackMonths], [0, 0, null, null]);
});

Deno.test("encodeScenario() / decodeScenario()", async (t) => {
  await t.step("hand-written fragment", () => {
    const s = {
      ...base,
      members: { col: 20, bcs: 15 },
      points: { flu_vaccine: 2 },
      interventions: ["b", "a"],
    };
    assert.equal(
      encodeScenario(s),
      "c=H9901&m=bcs:15,col:20&p=flu_vaccine:2&i=a,b&bm=1000&bid=900&n=2500&db=0",
    );
    assert.deepEqual(decodeScenario("#c=H9902&m=bcs:3&db=0.25", base), {
      ...base,
      contract: "H9902",
      members: { bcs: 3 },
      doubleBonusShare: 0.25,
    });
  });
  await t.step("property: decode(encode(s)) = s without zero sliders", () => {
    const key = fc.constantFrom("bcs", "col", "pcr", "flu_vaccine", "cbp");
    const map = fc.dictionary(key, fc.integer({ min: -50, max: 500 }));
    fc.assert(
      fc.property(
        fc.record({
          contract: fc.constantFrom("H9901", "H9902", "R1234"),
          members: map,
          points: map,
          interventions: fc.uniqueArray(fc.constantFrom("mammo", "service", "transitions")),
          benchmarkPmpm: fc.integer({ min: 0, max: 3000 }),
          bidPmpm: fc.double({ min: 0, max: 3000, noNaN: true }),
          enrolled: fc.integer({ min: 0, max: 1_000_000 }),
          doubleBonusShare: fc.double({ min: 0, max: 1, noNaN: true }),
        }),
        (s) => {
          const drop = (m: Record<string, number>) =>
            Object.fromEntries(Object.entries(m).filter(([, v]) => v !== 0));
          const back = decodeScenario(encodeScenario(s), base);
          assert.deepEqual(back, {
            ...s,
            members: drop(s.members),
            points: drop(s.points),
            interventions: [...s.interventions].sort(),
          });
        },
      ),
      { seed: 5, numRuns: 300 },
    );
  });
  await t.step("malformed parameters name themselves", () => {
    assert.throws(() => decodeScenario("m=bcs:x", base), /"m" must be key:number pairs \("bcs:x"\)/);
    assert.throws(() => decodeScenario("bm=-1", base), /"bm" must be a number ≥ 0 \("-1"\)/);
    assert.throws(() => decodeScenario("db=2", base), /"db" must be a share from 0 to 1 \("2"\)/);
    assert.throws(() => decodeScenario("zz=1", base), /"zz" must be one of c, m, p, i, bm, bid, n, db/);
  });
});
