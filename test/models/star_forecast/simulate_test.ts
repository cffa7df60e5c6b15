import assert from "node:assert/strict";
import {
  meanCrossMeasureCorrelation,
  nextCutPoints,
  simulateHistory,
} from "../../../models/star_forecast/simulate.ts";
import { catalogue2026 } from "../../lib/stars/_cms_2026.ts";
import { seed2026 } from "./_seed.ts";

const bcs = catalogue2026.byKey.get("bcs")!;
const pcr = catalogue2026.byKey.get("pcr")!;
const rating = catalogue2026.byKey.get("rating_health_plan")!; // CAHPS: no guardrail

Deno.test("nextCutPoints()", async (t) => {
  const scores = [60, 70, 75, 80, 85, 90];
  await t.step("moves with the national drift within ±5 points of last year (guardrail)", () => {
    const cut = { direction: "higher", thresholds: [58, 71, 76, 84] } as const;
    assert.deepEqual(nextCutPoints(bcs, cut, 2, [0, 0, 0, 0], scores).thresholds, [60, 73, 78, 86]);
    // 58+7 → capped 63; 71+8 → capped 76; 76−2 = 74 sits below the new 3★ bound → one point above it, 77.
    assert.deepEqual(nextCutPoints(bcs, cut, 7, [0, 1, -9, 0], scores).thresholds, [63, 76, 77, 89]);
    assert.deepEqual(nextCutPoints(bcs, cut, -7, [0, 0, 0, 0], scores).thresholds, [53, 66, 71, 79]);
  });
  await t.step("lower is better: bands stay ordered downwards", () => {
    const cut = { direction: "lower", thresholds: [12, 10, 9, 7] } as const;
    assert.deepEqual(nextCutPoints(pcr, cut, 0, [0, 0, 1.4, 0], [8, 9, 10, 11, 12]).thresholds, [
      12,
      10,
      9,
      7,
    ]);
    assert.deepEqual(nextCutPoints(pcr, cut, 0, [0, 0, 0.6, 0], [8, 9, 10, 11, 12]).thresholds, [
      12,
      10,
      9,
      7,
    ]);
    assert.deepEqual(nextCutPoints(pcr, cut, -1, [0, 0, 0, 0], [8, 9, 10, 11, 12]).thresholds, [11, 9, 8, 6]);
  });
  await t.step("CAHPS measures are not guardrailed", () => {
    const cut = { direction: "higher", thresholds: [80, 84, 87, 90] } as const;
    assert.deepEqual(nextCutPoints(rating, cut, 8, [0, 0, 0, 0], scores).thresholds, [88, 92, 95, 98]);
  });
});

Deno.test("simulateHistory()", async (t) => {
  const history = simulateHistory(seed2026, { years: 2, seed: 7 });
  await t.step("year 0 is the seed: CMS's 2026 MA-PD overall distribution (TN26, 516 contracts)", () => {
    const counts = new Map<number, number>();
    for (const c of history[0]!.contracts) {
      const s = c.ratings.overall.stars!;
      counts.set(s, (counts.get(s) ?? 0) + 1);
    }
    assert.deepEqual(
      [...counts].sort((a, b) => a[0] - b[0]),
      [[2, 2], [2.5, 21], [3, 111], [3.5, 175], [4, 116], [4.5, 73], [5, 18]],
    );
  });
  await t.step("scores keep CMS's year-to-year correlation (±0.07)", () => {
    for (const key of ["bcs", "pdc_statins", "fmc"]) {
      const pairs = history[0]!.contracts.flatMap((c, i) => {
        const a = c.scores.get(key), b = history[1]!.contracts[i]!.scores.get(key);
        return a === undefined || b === undefined ? [] : [[a, b] as const];
      });
      const ma = pairs.reduce((s, p) => s + p[0], 0) / pairs.length;
      const mb = pairs.reduce((s, p) => s + p[1], 0) / pairs.length;
      let sab = 0, saa = 0, sbb = 0;
      for (const [a, b] of pairs) {
        sab += (a - ma) * (b - mb);
        saa += (a - ma) ** 2;
        sbb += (b - mb) ** 2;
      }
      const r = sab / Math.sqrt(saa * sbb);
      const rho = seed2026.correlation.get(key)!;
      assert.ok(Math.abs(r - rho) < 0.07, `${key}: simulated ${r.toFixed(3)} vs published ${rho}`);
    }
  });
  await t.step("guardrailed cut points move at most 5 points a year", () => {
    for (let y = 1; y < history.length; y++) {
      const a = history[y - 1]!.cutPoints.get("bcs")!.thresholds;
      const b = history[y]!.cutPoints.get("bcs")!.thresholds;
      b.forEach((t, i) => assert.ok(Math.abs(t - a[i]!) <= 5, `year ${y}: ${a} → ${b}`));
    }
  });
  await t.step("same seed, same history", () => {
    const again = simulateHistory(seed2026, { years: 2, seed: 7 });
    assert.deepEqual(
      again[2]!.contracts.map((c) => c.ratings.overall.value),
      history[2]!.contracts.map((c) => c.ratings.overall.value),
    );
  });
  await t.step("the common shock equals the seed's mean cross-measure correlation", () => {
    const c = meanCrossMeasureCorrelation(seed2026);
    assert.ok(c > 0.1 && c < 0.2, `${c}`);
  });
});
