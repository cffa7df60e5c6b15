import assert from "node:assert/strict";
import { RULES_2026 } from "../../../src/lib/stars/rules.ts";
import { weakMeasures } from "../../../src/lib/stars/weak_measures.ts";
import { catalogue2026 } from "./_cms_2026.ts";

Deno.test("weakMeasures(): one member may lift a small denominator past two cut points", () => {
  const profile = {
    contractId: "H9901",
    kind: "ccp",
    offersPartD: false,
    snp: false,
    puertoRicoOnly: false,
    fac: { part_c: null, part_d: null, overall: null },
  } as const;
  // Osteoporosis management 0 of 4 (0%, 1★). 2★ needs a displayed 30%: 1 of 4 = 25% is short, 2 of 4 = 50%
  // clears 2★ and 3★ (45%) at once.
  const cutPoints = new Map([["omw", { direction: "higher", thresholds: [30, 45, 60, 75] }]] as const);
  const ranked = weakMeasures(
    { catalogue: catalogue2026, rules: RULES_2026, cutPoints, profile },
    [{ key: "omw", score: 0, numerator: 0, denominator: 4 }],
    { benchmarkPmpm: 1000, bidPmpm: 900, members: 1000, doubleBonusShare: 0 },
  );
  assert.equal(ranked.length, 1);
  assert.equal(ranked[0]!.membersToNextStar, 2);
  assert.equal(ranked[0]!.star, 1);
});
