import assert from "node:assert/strict";
import {
  contractsFromCms,
  cutPointsByKey,
  measureStatesFromCms,
} from "../../../src/lib/stars/cms_contracts.ts";
import type { CutPoints } from "../../../src/lib/stars/measure_stars.ts";
import { boundedCutPoints, projectRating } from "../../../src/lib/stars/rating_projection.ts";
import { RULES_2026 } from "../../../src/lib/stars/rules.ts";
import type { WhatIfContext } from "../../../src/lib/stars/whatif.ts";
import { catalogue2026, cms2026, contractInfo2026 } from "./_cms_2026.ts";

Deno.test("boundedCutPoints(): thresholds at the guardrail bounds, hand-worked", () => {
  const ctx: WhatIfContext = {
    catalogue: catalogue2026,
    rules: RULES_2026,
    profile: {
      contractId: "H9999",
      kind: "ccp",
      offersPartD: true,
      snp: false,
      puertoRicoOnly: false,
      fac: { part_c: null, part_d: null, overall: null },
    },
    cutPoints: new Map<string, CutPoints>([
      ["bcs", { direction: "higher", thresholds: [58, 71, 76, 84] }],
      ["pcr", { direction: "lower", thresholds: [12, 10, 9, 7] }],
      ["complaints_plan", { direction: "lower", thresholds: [1.5, 0.8, 0.5, 0.02] }],
    ]),
  };
  const low = boundedCutPoints(ctx, "low");
  const high = boundedCutPoints(ctx, "high");
  assert.deepEqual(low.get("bcs")!.thresholds, [63, 76, 81, 89]); // +5: harder
  assert.deepEqual(high.get("bcs")!.thresholds, [53, 66, 71, 79]);
  assert.deepEqual(low.get("pcr")!.thresholds, [7, 5, 4, 2]); // −5: harder for lower-is-better
  assert.deepEqual(high.get("pcr")!.thresholds, [17, 15, 14, 12]);
  const c = low.get("complaints_plan")!.thresholds.map((x) => +x.toFixed(2));
  assert.deepEqual(c, [1.45, 0.75, 0.45, 0]); // cap 0.05, not below 0
});

Deno.test("projectRating(): low ≤ central ≤ high for every 2026 contract CMS publishes scores for", () => {
  const cutsMa = cutPointsByKey(cms2026.cutPoints!, catalogue2026, false);
  const cutsPdp = cutPointsByKey(cms2026.cutPoints!, catalogue2026, true);
  const data = new Map(cms2026.measureData!.contracts.map((c) => [c.contractId, c]));
  const starRows = new Map(cms2026.measureStars.contracts.map((c) => [c.contractId, c]));
  let rated = 0;
  let widened = 0;
  for (const c of contractsFromCms(cms2026.measureStars, cms2026.cai, catalogue2026, contractInfo2026)) {
    const d = data.get(c.profile.contractId);
    if (!d) continue;
    const states = measureStatesFromCms(d, starRows.get(c.profile.contractId)!, catalogue2026);
    const ctx = {
      catalogue: catalogue2026,
      rules: RULES_2026,
      profile: c.profile,
      cutPoints: c.profile.kind === "pdp" ? cutsPdp : cutsMa,
    };
    const p = projectRating(ctx, states);
    if (p.central.highest === null || p.low.highest === null || p.high.highest === null) continue;
    rated++;
    assert.ok(p.low.highest <= p.central.highest, c.profile.contractId);
    assert.ok(p.central.highest <= p.high.highest, c.profile.contractId);
    if (p.high.highest > p.low.highest) widened++;
  }
  assert.ok(rated > 500, `${rated} contracts rated`);
  assert.ok(widened > rated / 2, `${widened} of ${rated} contracts have an interval wider than one value`);
});
