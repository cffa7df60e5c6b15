import assert from "node:assert/strict";
import type { CutPoints } from "../../../src/lib/stars/measure_stars.ts";
import { measureStanding } from "../../../src/lib/stars/measure_standing.ts";
import { ownContext } from "../../../src/lib/stars/own_contract.ts";
import { catalogue2026 } from "./_cms_2026.ts";

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
