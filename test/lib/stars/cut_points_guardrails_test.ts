import assert from "node:assert/strict";
import fc from "fast-check";
import type { Thresholds } from "../../../src/lib/stars/cut_points_cluster.ts";
import {
  applyGuardrails,
  guardrailApplies,
  guardrailCap,
  projectCutPointBounds,
} from "../../../src/lib/stars/cut_points_guardrails.ts";

Deno.test("applyGuardrails()", async (t) => {
  // Worked examples: 2025 final → 2026 mean-resampled (Technical Notes 2026 Tables K-3/K-4) → 2026 final.
  const cases: [string, Thresholds, Thresholds, number, number, Thresholds][] = [
    ["C01 breast cancer screening: 2★ capped +5", [53, 67, 75, 82], [63, 71, 76, 84], 5, 0, [58, 71, 76, 84]],
    ["C02 colorectal cancer screening: 2★ and 5★ capped −5", [53, 65, 75, 83], [41, 60, 70, 77], 5, 0, [
      48,
      60,
      70,
      78,
    ]],
    ["C12 blood sugar controlled: 2★/3★ capped +5", [49, 72, 84, 90], [74, 83, 87, 91], 5, 0, [
      54,
      77,
      87,
      91,
    ]],
    ["D11 CMR completion (MA-PD): 2★/3★ capped +5", [57, 77, 89, 93], [81, 87, 91, 96], 5, 0, [
      62,
      82,
      91,
      96,
    ]],
    ["C31 timely appeals: 2★/3★ capped", [69, 85, 95, 99], [96, 98, 99, 100], 5, 0, [74, 90, 99, 100]],
    [
      "C28 complaints (lower is better): restricted-range cap 0.05",
      [1.39, 0.76, 0.37, 0.12],
      [
        0.68,
        0.46,
        0.26,
        0.11,
      ],
      0.05,
      2,
      [1.34, 0.71, 0.32, 0.11],
    ],
    [
      "D07 price accuracy: degenerate clustering, −5 from every prior",
      [97, 98, 99, 100],
      [0, 0, 0, 99],
      5,
      0,
      [
        92,
        93,
        94,
        99,
      ],
    ],
  ];
  for (const [name, prior, current, cap, precision, expected] of cases) {
    await t.step(name, () => assert.deepEqual(applyGuardrails(current, prior, cap, precision), expected));
  }
  await t.step("never moves a threshold more than the cap, and keeps it when within", () => {
    const t4 = fc.tuple(
      fc.integer({ min: 0, max: 100 }),
      fc.integer({ min: 0, max: 100 }),
      fc.integer({ min: 0, max: 100 }),
      fc.integer({ min: 0, max: 100 }),
    );
    fc.assert(
      fc.property(t4, t4, (current, prior) => {
        const out = applyGuardrails(current, prior, 5, 0);
        out.forEach((x, s) => {
          assert.ok(Math.abs(x - prior[s]!) <= 5);
          if (Math.abs(current[s]! - prior[s]!) <= 5) assert.equal(x, current[s]);
          else assert.equal(x, prior[s]! + 5 * Math.sign(current[s]! - prior[s]!));
        });
      }),
      { numRuns: 300, seed: 23 },
    );
  });
  await t.step("rejects a negative cap", () => {
    assert.throws(() => applyGuardrails([1, 2, 3, 4], [1, 2, 3, 4], -1, 0), /cap -1/);
  });
});

Deno.test("guardrailCap() and guardrailApplies()", async (t) => {
  await t.step("5 points on 0–100 scales; 5% of the prior trimmed range otherwise", () => {
    assert.equal(guardrailCap({ kind: "percent" }), 5);
    assert.ok(
      Math.abs(guardrailCap({ kind: "restricted-range", priorMin: 0, priorMax: 1.04 }) - 0.052) < 1e-12,
    );
    assert.throws(
      () => guardrailCap({ kind: "restricted-range", priorMin: 2, priorMax: 1 }),
      /min 2 > max 1/,
    );
  });
  await t.step("skipped for measures in the program 3 years or fewer and for improvement measures", () => {
    assert.equal(guardrailApplies({ yearsInProgram: 1 }), false); // C13 KED in 2026
    assert.equal(guardrailApplies({ yearsInProgram: 3 }), false); // C20, C21 in 2026 (entered 2024)
    assert.equal(guardrailApplies({ yearsInProgram: 4 }), true); // C14 CBP in 2026
    assert.equal(guardrailApplies({ yearsInProgram: 10, improvement: true }), false);
  });
});

Deno.test("guardrails reproduce CMS's 2026 final cut points from its mean-resampled values", async (t) => {
  const read = (path: string) =>
    Deno.readTextFileSync(new URL(`../../../data/reference/${path}`, import.meta.url)).trim().split("\n")
      .slice(1)
      .map((l) => l.split(","));
  const prior = new Map(read("stars/cut_points_2025.csv").map((c) => [c[0]!, c]));
  const mr = read("stars/mean_resampled_2026.csv").filter((c) => c[1] === "MA-PD" && prior.has(c[0]!));
  // 2026 finals as CMS prints them on the Part C cut point sheet and the Part D sheet's MA-PD rows.
  const cms = new Map<string, Thresholds>();
  for (const file of ["Part C", "Part D"]) {
    const text = Deno.readTextFileSync(
      new URL(
        `../../../data/reference/cms-2026/2026 Star Ratings Data Table - ${file} Cut Points (Oct 8 2025).csv`,
        import.meta.url,
      ),
    );
    const { readCutPoints } = await import("../../../loaders/stars/_read_scores.ts");
    for (const c of readCutPoints(text)) if (c.pool === "MA-PD") cms.set(c.measureId, c.thresholds);
  }
  const newIn2026 = new Set(["C18", "C20", "C21"]); // in the program 3 years or fewer: no guardrail
  assert.equal(mr.length, 31);
  for (const c of mr) {
    const id = c[0]!;
    await t.step(id, () => {
      const p = prior.get(id)!;
      const current = c.slice(3, 7).map(Number) as Thresholds;
      const cap = p[7] ? Number(p[7]) : 5;
      const precision = p[7] ? 2 : 0;
      const final = newIn2026.has(id)
        ? current
        : applyGuardrails(current, p.slice(3, 7).map(Number) as Thresholds, cap, precision);
      assert.deepEqual(final, cms.get(id));
    });
  }
});

Deno.test("projectCutPointBounds()", async (t) => {
  await t.step("each threshold can move by the cap either way, within the scale", () => {
    assert.deepEqual(projectCutPointBounds([58, 71, 76, 98], { cap: 5, range: { min: 0, max: 100 } }), [
      { low: 53, high: 63 },
      { low: 66, high: 76 },
      { low: 71, high: 81 },
      { low: 93, high: 100 },
    ]);
  });
  await t.step("complaints: the cap is 5% of this year's trimmed range, bounded below by 0", () => {
    const cap = guardrailCap({ kind: "restricted-range", priorMin: 0, priorMax: 1.04 }); // 0.052
    const b = projectCutPointBounds([1.34, 0.71, 0.32, 0.02], { cap, range: { min: 0, max: Infinity } });
    assert.ok(Math.abs(b[0].low - 1.288) < 1e-12 && Math.abs(b[0].high - 1.392) < 1e-12);
    assert.deepEqual(b[3].low, 0);
  });
  await t.step("a measure without guardrails next year is bounded only by its scale", () => {
    assert.deepEqual(
      projectCutPointBounds([34, 51, 62, 74], { cap: 5, range: { min: 0, max: 100 }, applies: false })[0],
      { low: 0, high: 100 },
    );
  });
  await t.step("next year's guardrailed thresholds always land inside the projected bounds", () => {
    const t4 = fc.tuple(
      fc.integer({ min: 0, max: 100 }),
      fc.integer({ min: 0, max: 100 }),
      fc.integer({ min: 0, max: 100 }),
      fc.integer({ min: 0, max: 100 }),
    );
    fc.assert(
      fc.property(t4, t4, (thisYear, clustered) => {
        const bounds = projectCutPointBounds(thisYear, { cap: 5, range: { min: 0, max: 100 } });
        applyGuardrails(clustered, thisYear, 5, 0).forEach((x, s) => {
          assert.ok(x >= bounds[s]!.low && x <= bounds[s]!.high);
        });
      }),
      { numRuns: 300, seed: 29 },
    );
  });
});
